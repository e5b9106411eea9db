/// An error answer of the portal API: HTTP status, `error` code and message.
public enum PortalError: Error, Equatable, Sendable {
    case badRequest(String)
    case invalidTicket(String)
    case uidNotRegistered(uid: String)
    case noCMCRole
    case rateLimited(retryAfterSeconds: Int)
    case spineUnavailable
    case sessionEnded(EndedSession.Reason)
    /// No cookie, or a cookie the portal never issued.
    case noSession

    public var httpStatus: Int {
        switch self {
        case .badRequest: 400
        case .invalidTicket, .sessionEnded, .noSession: 401
        case .uidNotRegistered, .noCMCRole: 403
        case .rateLimited: 429
        case .spineUnavailable: 503
        }
    }

    /// The `error` field.
    public var code: String {
        switch self {
        case .badRequest: "bad_request"
        case .invalidTicket: "invalid_ticket"
        case .uidNotRegistered: "uid_not_registered"
        case .noCMCRole: "no_cmc_role"
        case .rateLimited: "rate_limited"
        case .spineUnavailable: "spine_unavailable"
        case .sessionEnded: "session_ended"
        case .noSession: "no_session"
        }
    }

    /// The `message` field.
    public var message: String {
        switch self {
        case .badRequest(let detail): "Bad request: \(detail)"
        case .invalidTicket(let detail): "Spine did not accept the login: \(detail)"
        case .uidNotRegistered(let uid): "The smartcard UID \(uid) is not registered with CMC"
        case .noCMCRole: "The CMC user has no CMC system role"
        case .rateLimited: "Too many requests; try again shortly"
        case .spineUnavailable: "Spine could not be reached"
        case .sessionEnded(let reason): "The session has ended (\(reason.rawValue))"
        case .noSession: "No session: missing or unknown CMCSESSION cookie"
        }
    }
}
