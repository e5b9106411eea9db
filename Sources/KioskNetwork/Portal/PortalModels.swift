/// A portal session opened with an SSO ticket.
public struct PortalSession: Sendable, Equatable, Decodable {
    /// The CMC user behind the smartcard.
    public struct User: Sendable, Equatable, Decodable {
        public let uid: String
        public let displayName: String
        public let cmcRole: String

        enum CodingKeys: String, CodingKey {
            case uid, displayName = "display_name", cmcRole = "cmc_role"
        }
    }

    public let sessionID: String
    public let user: User
    /// The portal's idle timeout; the kiosk warns `warningSeconds` before it.
    public let idleTimeoutSeconds: Int
    public let warningSeconds: Int
    public let absoluteTimeoutSeconds: Int
    /// The session ends if the kiosk is silent this long; poll `status` every third of it.
    public let leaseSeconds: Int
    /// Whether opening this session ended another of the same user.
    public let replacedSession: Bool
    public let portalURL: String

    enum CodingKeys: String, CodingKey {
        case sessionID = "session_id", user, idleTimeoutSeconds = "idle_timeout_seconds"
        case warningSeconds = "warning_seconds", absoluteTimeoutSeconds = "absolute_timeout_seconds"
        case leaseSeconds = "lease_seconds", replacedSession = "replaced_session", portalURL = "portal_url"
    }
}

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

/// Why the kiosk ends a session.
public enum PortalLogoutReason: String, Sendable, Encodable {
    case cardRemoved = "card_removed"
    case userLogout = "user_logout"
    case idleTimeout = "idle_timeout"
    case kioskShutdown = "kiosk_shutdown"
}

/// Why the portal ended a session.
public enum SessionEndReason: Sendable, Equatable {
    case idleTimeout, absoluteTimeout, logout, replaced, leaseExpired, spineLogout
    case other(String)

    init(_ text: String) {
        switch text {
        case "idle_timeout": self = .idleTimeout
        case "absolute_timeout": self = .absoluteTimeout
        case "logout": self = .logout
        case "replaced": self = .replaced
        case "lease_expired": self = .leaseExpired
        case "spine_logout": self = .spineLogout
        default: self = .other(text)
        }
    }
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
