import Simulator

/// The 201 body of `POST /api/smartcard/sessions`.
struct OpenedSessionBody: Encodable {
    struct User: Encodable {
        var uid, displayName, cmcRole: String

        enum CodingKeys: String, CodingKey {
            case uid
            case displayName = "display_name"
            case cmcRole = "cmc_role"
        }
    }

    var sessionID: String
    var user: User
    var idleTimeoutSeconds, warningSeconds, absoluteTimeoutSeconds, leaseSeconds: Double
    var replacedSession: Bool
    var portalURL: String

    init(_ opened: OpenedSession, portalURL: String) {
        let session = opened.session
        sessionID = session.sessionID
        user = User(uid: session.uid, displayName: session.displayName, cmcRole: session.cmcRole)
        idleTimeoutSeconds = opened.timeouts.idle
        warningSeconds = opened.timeouts.warning
        absoluteTimeoutSeconds = opened.timeouts.absolute
        leaseSeconds = opened.timeouts.lease
        replacedSession = opened.replacedSession
        self.portalURL = portalURL
    }

    enum CodingKeys: String, CodingKey {
        case user
        case sessionID = "session_id"
        case idleTimeoutSeconds = "idle_timeout_seconds"
        case warningSeconds = "warning_seconds"
        case absoluteTimeoutSeconds = "absolute_timeout_seconds"
        case leaseSeconds = "lease_seconds"
        case replacedSession = "replaced_session"
        case portalURL = "portal_url"
    }
}

/// The body of `GET current` and `POST current/keepalive`.
struct SessionStatusBody: Encodable {
    var sessionID: String
    var state = "active"
    var idleRemainingSeconds, absoluteRemainingSeconds: Int

    init(_ status: SessionStatus) {
        sessionID = status.sessionID
        idleRemainingSeconds = status.idleRemainingSeconds
        absoluteRemainingSeconds = status.absoluteRemainingSeconds
    }

    enum CodingKeys: String, CodingKey {
        case state
        case sessionID = "session_id"
        case idleRemainingSeconds = "idle_remaining_seconds"
        case absoluteRemainingSeconds = "absolute_remaining_seconds"
    }
}

/// The body of `POST current/handoff`.
struct HandoffBody: Encodable {
    var url: String
    var expiresIn: Int

    enum CodingKeys: String, CodingKey {
        case url
        case expiresIn = "expires_in"
    }
}
