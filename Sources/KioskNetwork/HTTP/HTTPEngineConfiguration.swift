extension HTTPEngine {
    /// Limits and trust settings for every request of one engine.
    public struct Configuration: Sendable {
        /// Time allowed to connect (TCP and TLS); a request may override it.
        public var connectTimeout: Duration
        /// Time allowed for a whole request; a request may override it.
        public var timeout: Duration
        /// Largest accepted response body in bytes; a larger one fails with `responseTooLarge`.
        public var responseLimit: Int
        /// A PEM file of extra trust anchors, added to (never replacing) the system store.
        public var extraCAFile: String?
        /// Sent as `User-Agent`, e.g. `cmc-kiosk/1.0.0`.
        public var userAgent: String
        /// `[network] proxy`; nil leaves proxies to the environment variables, as libcurl reads them.
        public var proxy: HTTPProxy?
        /// The system CA bundle; nil means libcurl's built-in default. Tests stand in their own.
        var systemCABundle: String?
        /// Told of every transfer as it ends, on the engine's thread (it must not block): the
        /// kiosk's timing trace counts round trips with it.
        public var transferObserver: (@Sendable (TransferRecord) -> Void)?

        public init(
            connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(30),
            responseLimit: Int = 1 << 20, extraCAFile: String? = nil, userAgent: String = "cmc-kiosk/0.1.0",
            proxy: HTTPProxy? = nil, transferObserver: (@Sendable (TransferRecord) -> Void)? = nil
        ) {
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.responseLimit = responseLimit
            self.extraCAFile = extraCAFile
            self.userAgent = userAgent
            self.transferObserver = transferObserver
            self.proxy = proxy
        }
    }
}

extension Duration {
    /// Whole milliseconds from 1 (libcurl reads 0 as "no timeout") to a day.
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds < 86_400 else { return 86_400_000 }
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
