import Foundation

/// The simulated portal's record of a smartcard session.
public struct PortalSessionRecord: Sendable, Equatable {
    public let sessionID: String
    /// The `CMCSESSION` cookie value. Never log it.
    public let cookie: String
    public let uid: String
    public let displayName: String
    public let cmcRole: String
    public let roleProfileID: String
    public let ssoToken: String
    public let deviceID: String?
    public let client: String?
    public let createdAt: Date
    /// The last user activity (open, keep-alive or a browser's page view): the idle timer's start.
    public internal(set) var lastActivity: Date
    /// The last call of any kind from the kiosk: the lease's start. A browser's page views do not
    /// count: the lease is the kiosk's sign of life.
    public internal(set) var lastSeen: Date
    /// The browsers signed into this session by hand-off.
    public internal(set) var browser = BrowserActivity()

    public func idleDeadline(_ timeouts: PortalTimeouts) -> Date { lastActivity + timeouts.idle }
    public func absoluteDeadline(_ timeouts: PortalTimeouts) -> Date { createdAt + timeouts.absolute }
    public func leaseDeadline(_ timeouts: PortalTimeouts) -> Date { lastSeen + timeouts.lease }

    /// The first limit reached at `now`, with when it was reached; `nil` while the session lives.
    func expiry(at now: Date, _ timeouts: PortalTimeouts) -> (reason: EndedSession.Reason, at: Date)? {
        let deadlines: [(EndedSession.Reason, Date)] = [
            (.idleTimeout, idleDeadline(timeouts)),
            (.absoluteTimeout, absoluteDeadline(timeouts)),
            (.leaseExpired, leaseDeadline(timeouts)),
        ]
        return deadlines.filter { $0.1 <= now }.min { $0.1 < $1.1 }.map { (reason: $0.0, at: $0.1) }
    }
}
