import Foundation

/// The browser side of a session: one-time hand-off codes, the browser cookies they turn into,
/// and the page views that count as user activity.
extension PortalService {
    /// How long a hand-off URL may be used.
    public static let handoffLifetime: TimeInterval = 30

    /// Issues a one-time code that signs a browser into the session.
    public mutating func handoff(cookie: String?, now: Date) -> Result<Handoff, PortalError> {
        switch touch(cookie: cookie, now: now, isUserActivity: false) {
        case .failure(let error):
            return .failure(error)
        case .success:
            let code = Self.randomHex(24)
            handoffs[code] = PendingHandoff(cookie: cookie ?? "", expiresAt: now + Self.handoffLifetime)
            return .success(Handoff(code: code, expiresIn: Int(Self.handoffLifetime)))
        }
    }

    /// Uses a hand-off code, once: a new browser cookie bound to the live session it was issued
    /// for; `nil` when the code is used, expired or unknown, or its session has ended.
    public mutating func redeemHandoff(code: String, now: Date) -> BrowserSignIn? {
        sweep(now: now)
        guard let pending = handoffs.removeValue(forKey: code), pending.expiresAt > now,
              var session = sessions[pending.cookie]
        else { return nil }
        let browserCookie = Self.randomHex(32)
        browserCookies[browserCookie] = session.cookie
        session.browser.recordSignIn(at: now)
        sessions[session.cookie] = session
        return BrowserSignIn(cookie: browserCookie, session: session)
    }

    /// Counts a page asked for with a browser cookie and returns the session it signs into.
    ///
    /// A page view is user activity, as in the portal's normal login: it restarts the idle timer.
    /// It does not renew the lease, which stays the kiosk's sign of life, so a browser left open
    /// on a dead kiosk cannot keep its session alive.
    ///
    /// - Returns: `.noSession` for a missing or unknown cookie, `.sessionEnded` once the session
    ///   has ended, however it ended.
    public mutating func recordPageView(browserCookie: String?, now: Date) -> Result<PortalSessionRecord, PortalError> {
        sweep(now: now)
        guard let browserCookie, let sessionCookie = browserCookies[browserCookie] else { return .failure(.noSession) }
        guard var session = sessions[sessionCookie] else {
            return .failure(ended[sessionCookie].map { .sessionEnded($0.reason) } ?? .noSession)
        }
        session.lastActivity = now
        session.browser.recordPageView(at: now)
        sessions[sessionCookie] = session
        return .success(session)
    }
}

/// A hand-off code waiting for its browser.
struct PendingHandoff: Sendable {
    /// The `CMCSESSION` cookie of the session the code signs into.
    let cookie: String
    let expiresAt: Date
}

/// A one-time browser hand-off.
public struct Handoff: Sendable, Equatable {
    public let code: String
    public let expiresIn: Int
}

/// A browser signed into a session by a hand-off.
public struct BrowserSignIn: Sendable, Equatable {
    /// The browser's own cookie value, distinct from the kiosk's `CMCSESSION`. Never log it.
    public let cookie: String
    public let session: PortalSessionRecord
}
