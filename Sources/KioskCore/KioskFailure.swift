/// Everything that ends a sign-in attempt or a session, one case per typed error of the specs,
/// each told to the user in plain words by ``Notice``.
public enum KioskFailure: Error, Equatable, Sendable {
    // The card
    case unsupportedCard
    /// The card's ATR is not in `[card] atr_allowlist`: nothing was sent to it.
    case cardNotAllowed
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
    /// The proxy (`host:port`) refused the connection to Spine or the portal with this status,
    /// e.g. 407 (its credentials) or 403 (its allowed hosts), and its status line's text.
    case proxyRefused(proxy: String, status: Int, reason: String?)
    /// The proxy (`host:port`) could not be found or connected to.
    case proxyUnreachable(proxy: String)
}
