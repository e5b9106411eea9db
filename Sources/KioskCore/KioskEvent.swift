import FoundationEssentials

/// Everything that happens to the kiosk: the reader, the keyboard, the clock, and the results of
/// the effects it asked for. Results carry the attempt they belong to.
public enum KioskEvent: Equatable, Sendable {
    case tick(Date)
    case readerAdded(String)
    case readerRemoved(String)
    /// A card is in `reader`; `atr` is its answer to reset (for the audit log).
    case cardInserted(reader: String, atr: [UInt8] = [])
    case cardRemoved(reader: String)
    case cardServiceUnavailable
    case cardServiceRestored
    /// The audit file could not be written (false), or can be again (true).
    case auditLogWritable(Bool)
    case input(KioskInput)

    case cardRead(attempt: Int, Result<CardSummary, KioskFailure>)
    case passcodeChecked(attempt: Int, PasscodeCheck)
    case spineAuthenticated(attempt: Int, Result<SpineLogin, KioskFailure>)
    case sessionOpened(attempt: Int, Result<PortalSession, KioskFailure>)
    /// The answer to a status or keep-alive call while signed in.
    case portalAnswered(attempt: Int, PortalAnswer)
    /// The session command (if any) ended by itself.
    case sessionCommandExited(attempt: Int)
    /// The logouts of a teardown that asked to be told (``Teardown/Step/reportFinished``) are done,
    /// or handed to the background retrier.
    case teardownFinished(attempt: Int)
    /// The kiosk is stopping (SIGTERM, its terminal hung up, or the end of a demo): whatever is
    /// under way is logged out with reason `kiosk_shutdown`.
    case shuttingDown
}

/// What the user did, once the shell has mapped the keys (which the configuration may remap).
public enum KioskInput: Equatable, Sendable {
    /// A printable character: passcode or role filter.
    case character(Character)
    case backspace
    case submit
    case giveUp
    case up, down, pageUp, pageDown, home, end
    /// Keys with no use of their own here, which the keypad sends when Num Lock is off.
    case left, right, insert, delete
    case logout
    case staySignedIn
}

/// The card's answer to a passcode.
public enum PasscodeCheck: Equatable, Sendable {
    case verified
    /// Wrong; the tries left, or nil when the card does not say.
    case wrong(triesLeft: Int?)
    case blocked
    case badFormat
    case failed(KioskFailure)
}

/// What Spine returned for the login (the ticket stays in the network client).
public struct SpineLogin: Equatable, Sendable {
    public var displayName: String
    public var roles: [Role]

    public init(displayName: String, roles: [Role]) {
        self.displayName = displayName
        self.roles = roles
    }
}

/// The portal's answer to status or keep-alive.
public enum PortalAnswer: Equatable, Sendable {
    /// Active, with the idle time it has left.
    case active(idleRemaining: TimeInterval)
    case ended(SessionEndReason)
    /// The portal could not be reached; the session is not ended for that.
    case unreachable
}
