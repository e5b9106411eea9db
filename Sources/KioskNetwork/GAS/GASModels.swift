/// The answer to activation (step 1): the challenge the card signs, and what goes back with it.
public struct GASChallenge: Sendable {
    /// The challenge bytes (base64-decoded); opaque.
    public let challenge: [UInt8]
    /// The challenge exactly as received, echoed in validation.
    let encodedChallenge: String
    /// The server's own signature over the challenge, echoed in validation.
    let serverSignature: String
    /// Where validation goes.
    public let replyURL: String
    /// This login attempt's `log_session_id`, reused by every later step.
    public let logSessionID: String
    /// The answer's `Content-Type` as GAS sent it (nil when it sent none): recorded, not checked.
    public let contentType: String?
}

/// A successful validation (step 3): the SSO ticket, the user and their roles.
public struct SpineAuthentication: Sendable {
    public let ticket: SSOTicket
    /// The 12-digit user id the login was made with.
    public let uid: String
    /// The display name (`cn`).
    public let displayName: String
    /// The user's roles, possibly none.
    public let roles: [SpineRole]
    /// Where logout goes.
    public let logoutURL: String
    /// `sso_session_time` and `sso_max_session_time` as sent (units undocumented).
    public let sessionTime: String?
    public let maxSessionTime: String?
    /// The login attempt's `log_session_id`.
    public let logSessionID: String
    /// The answer's `Content-Type` as GAS sent it (nil when it sent none): recorded, not checked.
    public let contentType: String?
}
