/// Everything that ends a sign-in attempt or a session, one case per typed error of the specs,
/// each told to the user in plain words by ``Notice``.
public enum KioskFailure: Error, Equatable, Sendable {
    // The card
    case unsupportedCard
    case cardNotPersonalised
    case unreadableCard(detail: String)
    /// The card was read but misbehaved when asked to check the passcode or to sign.
    case cardFailed(detail: String)
    case certificateExpired
    case certificateNotYetValid
    case cardLocked
    // Spine
    case spineRefused(code: String, description: String)
    case spineUnreachable(detail: String)
    case noRoles
    // The portal
    case uidNotRegistered(uid: String)
    case noCMCRole
    case ticketRejected
    case portalBusy(retryAfterSeconds: Int?)
    case portalUnreachable(detail: String)
    case portalRefused(message: String)
    case sessionEnded(SessionEndReason)
    // Either
    case tlsFailure(detail: String)
}

/// Why a portal session ended, as the portal reports it (`session_ended` reasons) or the kiosk
/// decides it.
public enum SessionEndReason: String, Equatable, Sendable {
    case idleTimeout = "idle_timeout"
    case absoluteTimeout = "absolute_timeout"
    case logout
    case replaced
    case leaseExpired = "lease_expired"
    case spineLogout = "spine_logout"
}

/// Why the kiosk logs a session out (the portal's `DELETE` reasons).
public enum LogoutReason: String, Equatable, Sendable {
    case cardRemoved = "card_removed"
    case userLogout = "user_logout"
    case idleTimeout = "idle_timeout"
    case kioskShutdown = "kiosk_shutdown"
}
