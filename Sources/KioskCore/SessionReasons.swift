/// Why the portal ended a session: the `reason` of its `session_ended` answer
/// (`spec/portal.md`). The raw value is the wire name.
public enum SessionEndReason: String, Equatable, Sendable, CaseIterable {
    case idleTimeout = "idle_timeout"
    case absoluteTimeout = "absolute_timeout"
    case logout
    case replaced
    case leaseExpired = "lease_expired"
    case spineLogout = "spine_logout"
    /// The portal named no reason, or one this kiosk does not know; the session is over all the same.
    case unspecified

    /// The reason a `session_ended` answer names: ``unspecified`` when it names none or an unknown one.
    public init(wireName: String?) {
        guard let wireName, let reason = Self(rawValue: wireName) else {
            self = .unspecified
            return
        }
        self = reason
    }
}

/// Why the kiosk ends a session: the `reason` of its portal logout (`spec/portal.md`). The raw
/// value is the wire name.
public enum LogoutReason: String, Equatable, Sendable, CaseIterable {
    case cardRemoved = "card_removed"
    case userLogout = "user_logout"
    case idleTimeout = "idle_timeout"
    case kioskShutdown = "kiosk_shutdown"
}
