import KioskCore

/// Why a portal call failed. Server errors carry the server's `message`.
public enum PortalError: Error, Sendable, Equatable {
    /// 400 `bad_request`.
    case badRequest(message: String)
    /// 401 `invalid_ticket`: Spine did not accept the login.
    case invalidTicket(message: String)
    /// 403 `uid_not_registered`: the card's UID is not linked to a CMC user.
    case uidNotRegistered(message: String)
    /// 403 `no_cmc_role`: the CMC user has no CMC system role.
    case noCMCRole(message: String)
    /// 429 `rate_limited`, with `Retry-After` when sent.
    case rateLimited(retryAfter: Duration?, message: String)
    /// 503 `spine_unavailable`.
    case spineUnavailable(message: String)
    /// 401 `session_ended`: tear down and show the reason.
    case sessionEnded(reason: SessionEndReason, message: String)
    /// Another error code or status.
    case unexpected(status: Int, code: String?, message: String?)
    /// A success status with a body that is not the expected JSON.
    case malformedResponse(String)
    /// A 201 without the `CMCSESSION` cookie.
    case missingSessionCookie
    /// The request did not complete.
    case transport(HTTPError)
}
