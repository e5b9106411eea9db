import KioskNetwork

/// The proxy GAS and the portal are reached through: which one (the configuration's or the
/// environment's; never its password), and whether it answered the CONNECTs of the server checks,
/// with its answer when it refused them.
enum ProxyCheck {
    /// What `route` came to, given how the requests through it ended (nil: an HTTP answer).
    static func finding(_ route: ProxyRoute, outcomes: [HTTPError?]) -> DoctorFinding {
        let name: String
        switch route {
        case .direct:
            return DoctorFinding(.ok, "proxy", "none: GAS and the portal are reached directly (no [network] proxy, "
                + "and no https_proxy or all_proxy in the environment)")
        case .configuration(let address, let user):
            name = "\(address) from [network] proxy" + (user.map { ", as user \($0)" } ?? ", without credentials")
        case .environment(let variable, let address):
            name = "\(address) from the environment's \(variable)"
        }
        for case let failure? in outcomes {
            switch failure {
            case .proxyRefused(_, let status, let reason):
                return DoctorFinding(.failed, "proxy", "\(name): refused: \(status)\(reason.map { " \($0)" } ?? ""); "
                    + advice(status: status, route: route))
            case .proxyUnreachable(_, let message):
                return DoctorFinding(.failed, "proxy", "\(name): cannot be reached (\(message)): check that the proxy "
                    + "is running and that \(key(route)) names it")
            default:
                continue
            }
        }
        guard outcomes.contains(where: { $0 == nil || isThroughTunnel($0) }) else {
            return DoctorFinding(.skipped, "proxy", "\(name): whether it answers is not known, as no server check "
                + "got through: see the GAS and portal lines")
        }
        return DoctorFinding(.ok, "proxy", "\(name): answers, and tunnels to GAS and the portal")
    }

    /// A TLS failure comes from the server, at the far end of a tunnel the proxy opened.
    private static func isThroughTunnel(_ failure: HTTPError?) -> Bool {
        if case .tlsFailure = failure { return true }
        return false
    }

    private static func advice(status: Int, route: ProxyRoute) -> String {
        switch status {
        case 401, 407:  // tinyproxy answers wrong credentials 401, missing ones 407
            if case .configuration(_, nil) = route {
                return "it asks for credentials: set [network] proxy_user and proxy_password_file"
            }
            return "it did not accept the credentials: check \(credentialKeys(route))"
        case 403:
            return "it does not allow this kiosk's servers: have GAS's and the portal's hosts added to the proxy's "
                + "allowed hosts, or add them to no_proxy if they are reached without it"
        default:
            return "check the proxy's log for this terminal's CONNECT requests"
        }
    }

    private static func key(_ route: ProxyRoute) -> String {
        if case .environment(let variable, _) = route { return variable }
        return "[network] proxy"
    }

    private static func credentialKeys(_ route: ProxyRoute) -> String {
        if case .environment(let variable, _) = route { return "the user and password in \(variable)" }
        return "[network] proxy_user and the password in proxy_password_file"
    }
}
