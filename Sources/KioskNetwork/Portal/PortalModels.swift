/// The state of the current session, from `status` or `keepAlive`.
public struct PortalSessionStatus: Sendable, Equatable, Decodable {
    public let sessionID: String
    public let state: String
    public let idleRemainingSeconds: Int
    public let absoluteRemainingSeconds: Int

    enum CodingKeys: String, CodingKey {
        case sessionID = "session_id", state, idleRemainingSeconds = "idle_remaining_seconds"
        case absoluteRemainingSeconds = "absolute_remaining_seconds"
    }
}

/// A one-time URL that signs a browser into the session. It never prints itself.
public struct PortalHandoff: Sendable, Equatable, Decodable, CustomStringConvertible, CustomReflectable {
    /// Hand it to the session command only; never log it.
    public let url: String
    public let expiresInSeconds: Int

    enum CodingKeys: String, CodingKey {
        case url, expiresInSeconds = "expires_in"
    }

    public var description: String { "PortalHandoff(redacted, expires in \(expiresInSeconds) s)" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// Every portal error body: `{"error": "<code>", "message": "<text>"}` (and `reason` when a
/// session has ended).
struct PortalErrorBody: Decodable {
    let error: String
    let message: String?
    let reason: String?
}

/// The body of `POST /api/smartcard/sessions`.
struct OpenSessionBody: Encodable {
    let ssoTicket: String
    let uid: String
    let roleProfileID: String
    let deviceID: String
    let client: String

    enum CodingKeys: String, CodingKey {
        case ssoTicket = "sso_ticket", uid, roleProfileID = "role_profile_id", deviceID = "device_id", client
    }
}
