import Foundation

/// The state of the simulated CMC portal: smartcard sessions, their timeouts and their ends.
///
/// Pure: the time of each call is passed in. Every call first ends the sessions whose limits have
/// passed, so an answer never shows a session that should be gone.
public struct PortalService: Sendable {
    public var timeouts: PortalTimeouts
    /// How many ended sessions are remembered (oldest forgotten first).
    public var endedHistoryLimit = 1_000
    /// Live sessions by cookie.
    public internal(set) var sessions: [String: PortalSessionRecord] = [:]
    /// Ended sessions by cookie.
    public private(set) var ended: [String: EndedSession] = [:]
    private var endedOrder: [String] = []
    /// Hand-off codes not yet used, by code.
    var handoffs: [String: PendingHandoff] = [:]
    /// The `CMCSESSION` cookie of the session each browser cookie signs into, kept while the
    /// session is live or remembered as ended.
    var browserCookies: [String: String] = [:]

    public init(timeouts: PortalTimeouts = .standard) {
        self.timeouts = timeouts
    }

    // MARK: Open

    /// Opens a session for a Spine-authenticated user, ending their previous one.
    ///
    /// - Parameters:
    ///   - ticket: GAS's live ticket for `request.ssoTicket`, `nil` when GAS does not know it.
    ///   - user: the directory's record of the ticket's user.
    public mutating func open(
        _ request: OpenSessionRequest, ticket: SSOTicket?, user: SpineUser?, now: Date
    ) -> Result<OpenedSession, PortalError> {
        sweep(now: now)
        guard let ticket else { return .failure(.invalidTicket("the SSO ticket is unknown or logged out")) }
        guard ticket.uid == request.uid else { return .failure(.invalidTicket("the SSO ticket belongs to another uid")) }
        guard let selected = ticket.selectedRoleID else { return .failure(.invalidTicket("no role was selected at Spine")) }
        guard selected == request.roleProfileID else {
            return .failure(.invalidTicket("role_profile_id is not the role selected at Spine"))
        }
        guard let user, let registration = user.cmc else { return .failure(.uidNotRegistered(uid: request.uid)) }
        guard let cmcRole = registration.systemRole else { return .failure(.noCMCRole) }

        let previous = sessions.values.filter { $0.uid == request.uid }
        for session in previous {
            end(cookie: session.cookie, reason: .replaced, at: now, logoutReason: nil)
        }
        let session = PortalSessionRecord(
            sessionID: "s-" + Self.randomHex(16), cookie: Self.randomHex(32), uid: user.uid,
            displayName: user.displayName, cmcRole: cmcRole, roleProfileID: request.roleProfileID,
            ssoToken: ticket.token, deviceID: request.deviceID, client: request.client,
            createdAt: now, lastActivity: now, lastSeen: now)
        sessions[session.cookie] = session
        return .success(OpenedSession(session: session, replacedSession: !previous.isEmpty, timeouts: timeouts))
    }

    // MARK: Current session

    /// The session's state; renews the lease, not the idle timer.
    public mutating func status(cookie: String?, now: Date) -> Result<SessionStatus, PortalError> {
        touch(cookie: cookie, now: now, isUserActivity: false)
    }

    /// Resets the idle timer (and renews the lease).
    public mutating func keepAlive(cookie: String?, now: Date) -> Result<SessionStatus, PortalError> {
        touch(cookie: cookie, now: now, isUserActivity: true)
    }

    /// Ends the session; ending an ended, unknown or missing session is not an error. A session
    /// that had just ended otherwise (a Spine logout sent at the same time, say) still records
    /// the reason the kiosk gave.
    public mutating func logout(cookie: String?, reason: String?, now: Date) {
        sweep(now: now)
        guard let cookie else { return }
        if sessions[cookie] != nil {
            end(cookie: cookie, reason: .logout, at: now, logoutReason: reason)
        } else if var record = ended[cookie], record.logoutReason == nil {
            record.logoutReason = reason
            ended[cookie] = record
        }
    }

    // MARK: Ending from elsewhere

    /// Ends a user's live session (the portal's own decision); returns whether there was one.
    @discardableResult
    public mutating func endSession(uid: String, reason: EndedSession.Reason, now: Date) -> Bool {
        sweep(now: now)
        let cookies = sessions.values.filter { $0.uid == uid }.map(\.cookie)
        for cookie in cookies {
            end(cookie: cookie, reason: reason, at: now, logoutReason: nil)
        }
        return !cookies.isEmpty
    }

    /// Ends the sessions opened with an SSO ticket that Spine has destroyed.
    public mutating func ticketDestroyed(_ token: String, now: Date) {
        sweep(now: now)
        for session in sessions.values where session.ssoToken == token {
            end(cookie: session.cookie, reason: .spineLogout, at: now, logoutReason: nil)
        }
    }

    /// Ends every session whose idle, absolute or lease limit has passed at `now`.
    public mutating func sweep(now: Date) {
        for session in sessions.values {
            if let expiry = session.expiry(at: now, timeouts) {
                end(cookie: session.cookie, reason: expiry.reason, at: expiry.at, logoutReason: nil)
            }
        }
        handoffs = handoffs.filter { $0.value.expiresAt > now }
    }

    // MARK: Helpers

    mutating func touch(cookie: String?, now: Date, isUserActivity: Bool) -> Result<SessionStatus, PortalError> {
        sweep(now: now)
        guard let cookie else { return .failure(.noSession) }
        guard var session = sessions[cookie] else {
            if let ended = ended[cookie] { return .failure(.sessionEnded(ended.reason)) }
            return .failure(.noSession)
        }
        session.lastSeen = now
        if isUserActivity { session.lastActivity = now }
        sessions[cookie] = session
        return .success(SessionStatus(session: session, timeouts: timeouts, now: now))
    }

    private mutating func end(cookie: String, reason: EndedSession.Reason, at date: Date, logoutReason: String?) {
        guard let session = sessions.removeValue(forKey: cookie) else { return }
        ended[cookie] = EndedSession(session: session, reason: reason, endedAt: date, logoutReason: logoutReason)
        endedOrder.append(cookie)
        handoffs = handoffs.filter { $0.value.cookie != cookie }
        while endedOrder.count > endedHistoryLimit {
            let forgotten = endedOrder.removeFirst()
            ended.removeValue(forKey: forgotten)
            browserCookies = browserCookies.filter { $0.value != forgotten }
        }
    }

    static func randomHex(_ byteCount: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<byteCount).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return String(byte, radix: 16).leftPadded(to: 2)
        }.joined()
    }
}

/// A newly opened session.
public struct OpenedSession: Sendable, Equatable {
    public let session: PortalSessionRecord
    /// True when the user's previous session was ended to open this one.
    public let replacedSession: Bool
    public let timeouts: PortalTimeouts
}

/// The body of `GET current` and `POST current/keepalive`.
public struct SessionStatus: Sendable, Equatable {
    public let sessionID: String
    public let idleRemainingSeconds: Int
    public let absoluteRemainingSeconds: Int

    init(session: PortalSessionRecord, timeouts: PortalTimeouts, now: Date) {
        sessionID = session.sessionID
        idleRemainingSeconds = max(0, Int(session.idleDeadline(timeouts).timeIntervalSince(now).rounded(.down)))
        absoluteRemainingSeconds = max(0, Int(session.absoluteDeadline(timeouts).timeIntervalSince(now).rounded(.down)))
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
