/// What one finished transfer cost on the wire, for a trace of the kiosk's round trips: no URL
/// query, header or body, so no ticket or cookie.
public struct TransferRecord: Sendable, Equatable {
    /// The request as its description shows it: method, scheme, host and path.
    public var request: String
    /// New connections the transfer opened (0 when it reused a cached one).
    public var newConnections: Int
    /// Whether the connections were TLS, each with its handshake.
    public var secure: Bool
    /// Whether the transfer ended with a response (false: an error or a cancellation).
    public var answered: Bool

    public init(request: String, newConnections: Int, secure: Bool, answered: Bool) {
        self.request = request
        self.newConnections = newConnections
        self.secure = secure
        self.answered = answered
    }

    /// Round trips on the link, for TLS 1.3 over TCP: the request and its answer, plus the TCP and
    /// TLS handshakes of each new connection.
    public var roundTrips: Int { 1 + newConnections * (secure ? 2 : 1) }
}
