import Secrets

/// The HTTP proxy of `[network] proxy`: every request to a host other than loopback goes through
/// it, as a CONNECT tunnel in which TLS to the server is verified as without a proxy.
public struct HTTPProxy: Sendable {
    /// `http://host:port` or `https://host:port`, with no user name or password in it.
    public var url: String
    /// The user name and password, sent with whichever method the proxy asks for (CURLAUTH_ANY).
    public var credentials: Credentials?
    /// Hosts reached without the proxy, in libcurl's CURLOPT_NOPROXY syntax; nil for none.
    public var noProxy: String?

    public struct Credentials: Sendable {
        public var user: String
        /// Read once at start-up from `proxy_password_file`; never copied into a String.
        public var password: SecretBuffer

        public init(user: String, password: SecretBuffer) {
            self.user = user
            self.password = password
        }
    }

    public init(url: String, credentials: Credentials? = nil, noProxy: String? = nil) {
        self.url = url
        self.credentials = credentials
        self.noProxy = noProxy
    }

    /// `host:port`, as messages name the proxy.
    public var address: String { ProxyAddress.of(url) ?? url }
}
