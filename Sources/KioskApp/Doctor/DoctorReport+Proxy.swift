import KioskNetwork

extension DoctorReport {
    /// The proxy the server checks went through, as `--json` gives it beside the `proxy` line:
    /// where it was set, its address and user (never its password), and its refusal, if any.
    public struct Proxy: Equatable, Sendable, Encodable {
        /// `configuration`, `environment` or `none`.
        public var source: String
        /// The environment variable that names it, for `environment`.
        public var variable: String?
        /// `host:port`; nil for `none`.
        public var address: String?
        public var user: String?
        /// The proxy's answer to a CONNECT it refused: its status, and its status line's text.
        public var refusal: Refusal?

        public struct Refusal: Equatable, Sendable, Encodable {
            public var status: Int
            public var reason: String?
        }

        init(route: ProxyRoute, outcomes: [HTTPError?]) {
            switch route {
            case .configuration(let address, let user):
                self.init(source: "configuration", address: address, user: user)
            case .environment(let variable, let address):
                self.init(source: "environment", variable: variable, address: address)
            case .direct:
                self.init(source: "none")
            }
            for case .proxyRefused(_, let status, let reason)? in outcomes {
                refusal = Refusal(status: status, reason: reason)
                break
            }
        }

        private init(source: String, variable: String? = nil, address: String? = nil, user: String? = nil) {
            self.source = source
            self.variable = variable
            self.address = address
            self.user = user
        }
    }
}
