import Foundation

/// How the bed's tinyproxy is set up: with or without Basic authentication, and optionally
/// refusing (403) every host but some.
public struct ProxySetup: Sendable {
    public struct Credentials: Sendable {
        public let user: String
        public let password: String

        public init(user: String, password: String) {
            self.user = user
            self.password = password
        }
    }

    /// `BasicAuth user password`, or no authentication.
    public var credentials: Credentials?
    /// The only hosts the proxy lets a client reach (tinyproxy's `Filter` with
    /// `FilterDefaultDeny Yes`, answering 403 for the others); `nil`: every host.
    public var allowedHosts: [String]?

    public init(credentials: Credentials? = nil, allowedHosts: [String]? = nil) {
        self.credentials = credentials
        self.allowedHosts = allowedHosts
    }

    /// No authentication, every host.
    public static let open = ProxySetup()

    /// tinyproxy's configuration on 198.18.1.3:8888, allowing the ward's subnet, its files in `folder`.
    func tinyproxyConfiguration(folder: String) -> (configuration: String, filter: String?) {
        var lines = [
            "Port \(BedAddress.proxyPort)",
            "Listen \(BedAddress.proxy)",
            "Timeout 60",
            "MaxClients 50",
            "Allow 198.18.0.0/24",
            "DisableViaHeader Yes",
            "LogLevel Info",
            #"LogFile "\#(folder)/tinyproxy.log""#,
            #"PidFile "\#(folder)/tinyproxy.pid""#,
        ]
        if let credentials { lines.append("BasicAuth \(credentials.user) \(credentials.password)") }
        var filter: String?
        if let allowedHosts {
            lines += [#"Filter "\#(folder)/tinyproxy.filter""#, "FilterDefaultDeny Yes"]
            filter = allowedHosts.map { "^" + $0.replacingOccurrences(of: ".", with: "\\.") + "$" }.joined(separator: "\n") + "\n"
        }
        return (lines.joined(separator: "\n") + "\n", filter)
    }
}
