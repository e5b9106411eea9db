/// What the kiosk asks the shell to do. The shell draws the new state first, then carries these
/// out in order; results come back as ``KioskEvent``s tagged with the attempt.
public enum KioskEffect: Equatable, Sendable {
    // The card
    case readCard(reader: String, attempt: Int)
    case appendToPasscode(Character)
    case eraseLastPasscodeCharacter
    /// Presents the passcode to the card; the shell wipes it after use, whatever happens.
    case verifyPasscode(attempt: Int)
    case disconnectCard
    // Spine and the portal
    /// Activation, the card's signature, validation: GAS steps 1–3.
    case authenticateWithSpine(attempt: Int)
    /// Role selection at Spine, then the portal session.
    case openSession(roleID: String, attempt: Int)
    case checkPortalStatus(attempt: Int)
    case sendKeepAlive(attempt: Int)
    /// Portal `DELETE` and GAS logout, concurrently, retried in the background if they fail.
    case logOut(LogoutReason, attempt: Int)
    // Everything
    /// Stops every request in flight.
    case cancelInFlight
    /// Wipes the passcode, the ticket and the cookie.
    case wipeSecrets
    /// Starts the configured session command, if any, for the signed-in session.
    case startSessionCommand(attempt: Int)
    /// Ends the session command's whole process group.
    case stopSessionCommand
    case audit(AuditEvent)
}

/// A line for the audit log; never carries a secret.
public enum AuditEvent: Equatable, Sendable {
    case cardInserted(reader: String, atr: [UInt8] = [])
    case cardRemoved(reader: String)
    case passcodeAccepted(uid: String)
    case passcodeRejected(uid: String, triesLeft: Int)
    case passcodeBlocked(uid: String)
    case spineAuthenticated(uid: String, roles: Int)
    case spineFailed(uid: String, failure: KioskFailure)
    case roleChosen(uid: String, roleID: String)
    case sessionOpened(uid: String, roleID: String)
    case sessionFailed(uid: String, failure: KioskFailure)
    case sessionEnded(uid: String, reason: String)
    case sessionCommandStarted(uid: String)
    /// The command could not be started; `reason` is the system's error text.
    case sessionCommandFailed(uid: String, reason: String)
    case sessionCommandStopped(uid: String, outcome: SessionCommandOutcome)
    /// A teardown is over: `milliseconds` from the event that began it until the session
    /// command was gone and the logouts' first tries had ended; `logoutsRetrying` of them failed
    /// and are being retried in the background.
    case teardownComplete(reason: LogoutReason, milliseconds: Int, logoutsRetrying: Int)
}

/// How the session command's process group ended at teardown.
public enum SessionCommandOutcome: Equatable, Sendable {
    /// Nothing was left, or everything left ended on SIGTERM.
    case stopped
    /// Something ignored SIGTERM and was killed with SIGKILL.
    case killed
    /// This many processes of the group survived SIGKILL.
    case processesLeft(Int)
}
