/// Which proxy the engine's requests to servers other than loopback go through, and where it
/// was set: what the doctor reports, and the name a proxy's failures carry.
public enum ProxyRoute: Sendable, Equatable {
    /// `[network] proxy`: set on every transfer, the environment then plays no part.
    case configuration(address: String, user: String?)
    /// An environment variable, read by libcurl itself (the configuration names no proxy).
    case environment(variable: String, address: String)
    /// Straight to the servers.
    case direct

    /// The route for `proxy`, or else for the environment as libcurl reads it for an `https://`
    /// URL: `https_proxy`, `HTTPS_PROXY`, then `all_proxy`, `ALL_PROXY`.
    public static func of(_ proxy: HTTPProxy?, environment: [String: String]) -> ProxyRoute {
        if let proxy { return .configuration(address: proxy.address, user: proxy.credentials?.user) }
        for variable in ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] {
            guard let value = environment[variable], !value.isEmpty else { continue }
            return .environment(variable: variable, address: ProxyAddress.of(value) ?? "(unreadable address)")
        }
        return .direct
    }

    /// `host:port` of the proxy, nil when direct.
    public var address: String? {
        switch self {
        case .configuration(let address, _), .environment(_, let address): address
        case .direct: nil
        }
    }
}
