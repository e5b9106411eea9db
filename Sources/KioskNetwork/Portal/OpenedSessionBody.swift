import FoundationEssentials
import KioskCore

/// The parts of the `201` answer to `POST /api/smartcard/sessions` that the kiosk uses.
struct OpenedSessionBody: Decodable {
    struct User: Decodable {
        let displayName: String

        enum CodingKeys: String, CodingKey {
            case displayName = "display_name"
        }
    }

    let user: User
    let idleTimeoutSeconds, warningSeconds, leaseSeconds: Int
    let replacedSession: Bool
    let portalURL: String

    enum CodingKeys: String, CodingKey {
        case user, idleTimeoutSeconds = "idle_timeout_seconds", warningSeconds = "warning_seconds"
        case leaseSeconds = "lease_seconds", replacedSession = "replaced_session", portalURL = "portal_url"
    }

    /// The session as the kiosk follows it, opened in `role`.
    func session(in role: Role) -> PortalSession {
        PortalSession(
            displayName: user.displayName, role: role, idleTimeout: TimeInterval(idleTimeoutSeconds),
            warning: TimeInterval(warningSeconds), lease: TimeInterval(leaseSeconds),
            replacedAnother: replacedSession, portalURL: portalURL)
    }
}
