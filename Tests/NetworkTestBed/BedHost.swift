/// A host of the test bed: a network namespace of its own.
public enum BedHost: String, Sendable, CaseIterable {
    /// The kiosk's thin client, 198.18.0.2, behind the delay line.
    case ward
    /// The router between the delay line and the servers' bridge: 198.18.0.1 and 198.18.1.1.
    case wan
    /// cmc-sim, 198.18.1.2.
    case spine
    /// tinyproxy, 198.18.1.3.
    case proxy

    /// The letter in the namespace's name, `cmc<letter>-<pid>-<n>`.
    var letter: Character {
        switch self {
        case .ward: "w"
        case .wan: "n"
        case .spine: "s"
        case .proxy: "p"
        }
    }
}

/// The bed's fixed addresses (the TLS test certificate names the spine's).
public enum BedAddress {
    public static let ward = "198.18.0.2"
    public static let wanTowardWard = "198.18.0.1"
    public static let wanTowardServers = "198.18.1.1"
    public static let spine = "198.18.1.2"
    public static let proxy = "198.18.1.3"
    public static let proxyPort = 8888
    public static let sshPort = 2222
}
