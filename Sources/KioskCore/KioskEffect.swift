/// What the kiosk asks the shell to do. The shell draws the new state first, then carries these
/// out in order; results come back as ``KioskEvent``s tagged with the attempt. Each effect
/// carries all it needs: the shell keeps no memory of one effect for the next.
public enum KioskEffect: Equatable, Sendable {
    // The card
    case readCard(reader: String, attempt: Int)
    case appendToPasscode(Character)
    case eraseLastPasscodeCharacter
    /// Presents the passcode to the card; the shell wipes it after use, whatever happens.
    case verifyPasscode(attempt: Int)
    // Spine and the portal
    /// Opens the connection to Spine and fetches a challenge (GAS step 1) while the passcode is
    /// typed, renewing it when it is older than half its lifetime; for the card's user.
    case prepareSpine(uid: String, attempt: Int)
    /// The card's signature over the challenge, validation: GAS steps 2–3, for the card's user
    /// (and activation too, when no fresh challenge is ready).
    case authenticateWithSpine(uid: String, attempt: Int)
    /// Role selection at Spine, then the portal session.
    case openSession(roleID: String, attempt: Int)
    case checkPortalStatus(attempt: Int)
    case sendKeepAlive(attempt: Int)
    /// Starts the configured session command, if any, for the signed-in session.
    case startSessionCommand(SessionLaunch, attempt: Int)
    // Endings
    /// Ends an attempt: everything it left behind goes, in the plan's order.
    case tearDown(Teardown)
    case audit(AuditEvent)
}

/// How an attempt ends, as one plan whose steps the shell carries out in the order given. The
/// reducer writes every plan; the shell adds nothing to it.
public struct Teardown: Equatable, Sendable {
    /// One step of a teardown.
    public enum Step: Equatable, Sendable {
        /// Stops every request in flight.
        case cancelRequests
        /// Wipes the passcode; the attempt's Spine session (ticket and cookie) leaves the live state.
        case wipeSecrets
        /// Ends the session command's whole process group and, with a session user, removes the
        /// session's home once its processes are gone.
        case stopSessionCommand
        /// Portal `DELETE` and GAS logout of the session the wipe took, concurrently, retried in
        /// the background if they fail; audited as `teardown_complete` once the first tries have
        /// answered and the session command stopped by this plan is gone.
        case logOut(LogoutReason)
        /// Closes the card connection, resetting the card.
        case disconnectCard
        /// Reports ``KioskEvent/teardownFinished(attempt:)`` once the logouts' first tries are
        /// over: the "Logging out" screen waits for it.
        case reportFinished
    }

    /// The attempt this teardown ends.
    public var attempt: Int
    public var steps: [Step]

    public init(attempt: Int, steps: [Step]) {
        self.attempt = attempt
        self.steps = steps
    }
}

/// What the session command is started with: the signed-in session as the kiosk knows it.
public struct SessionLaunch: Equatable, Sendable {
    public var uid: String
    public var roleID: String
    public var displayName: String
    /// Where the portal's web front end is, if the portal said.
    public var portalURL: String?

    public init(uid: String, roleID: String, displayName: String, portalURL: String?) {
        self.uid = uid
        self.roleID = roleID
        self.displayName = displayName
        self.portalURL = portalURL
    }
}

/// A line for the audit log; never carries a secret.
public enum AuditEvent: Equatable, Sendable {
    case cardInserted(reader: String, atr: [UInt8] = [])
    case cardRemoved(reader: String)
    case passcodeAccepted(uid: String)
    case passcodeRejected(uid: String, triesLeft: Int?)
    case passcodeBlocked(uid: String)
    case spineAuthenticated(uid: String, roles: Int)
    case spineFailed(uid: String, failure: KioskFailure)
    case roleChosen(uid: String, roleID: String)
    case sessionOpened(uid: String, roleID: String)
    case sessionFailed(uid: String, failure: KioskFailure)
    case sessionEnded(uid: String, reason: String)
    /// The command started for `uid`, running as the system user `runAs`.
    case sessionCommandStarted(uid: String, runAs: String)
    /// The command could not be started; `reason` is the system's error text.
    case sessionCommandFailed(uid: String, reason: String)
    /// The command's processes are gone (or not: `outcome`), found through `containment`.
    case sessionCommandStopped(uid: String, outcome: SessionCommandOutcome, containment: SessionContainmentMechanism)
    /// A teardown is over: `milliseconds` from the event that began it until the session
    /// command was gone and the logouts' first tries had ended; `logoutsRetrying` of them failed
    /// and are being retried in the background.
    case teardownComplete(reason: LogoutReason, milliseconds: Int, logoutsRetrying: Int)
}

/// How the session command's processes (the command and everything it started, whatever its
/// process group or session) ended at teardown.
public enum SessionCommandOutcome: Equatable, Sendable {
    /// Nothing was left, or everything left ended on SIGTERM.
    case stopped
    /// Something ignored SIGTERM and was killed with SIGKILL.
    case killed
    /// This many of the processes survived SIGKILL.
    case processesLeft(Int)
}

/// How the kiosk kept track of the session command's processes, so that its teardown finds
/// every one of them.
public enum SessionContainmentMechanism: String, Equatable, Sendable {
    /// A cgroup of the session's own in the kiosk's delegated cgroup: no process can leave it.
    case cgroup
    /// The kiosk is a child subreaper: orphaned descendants are re-parented to it, and the
    /// teardown finds them by their ancestry.
    case subreaper
}
