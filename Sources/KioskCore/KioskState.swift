import FoundationEssentials

/// Everything the kiosk knows, and all the screens draw from. A value: ``reduce(_:_:)`` makes
/// the next one.
///
/// No secret is held here: the passcode lives in the shell's locked buffer, the ticket and the
/// cookie in the network clients. The state only knows that they exist.
public struct KioskState: Equatable, Sendable {
    public var phase: KioskPhase
    public var environment: KioskEnvironment
    public var helpdesk: Helpdesk
    /// The last time the clock reported.
    public var now: Date
    /// When the current step (``phase``'s case) began: the slow steps show how long they have
    /// been waiting.
    public var phaseStarted: Date
    /// The readers the monitor reports.
    public var readers: [String] = []
    /// The reader holding the card being used, if any.
    public var cardReader: String?
    /// The card read in this attempt.
    public var card: CardSummary?
    /// Counts attempts; results of an earlier attempt (a card since removed) are ignored.
    public var attempt = 0
    /// Whether the card service (pcscd) answers.
    public var cardServiceAvailable = true
    /// Whether the last audit line reached the audit file; the lock screen warns when not.
    public var auditLogWritable = true

    /// ATRs of the cards the kiosk takes (`[card] atr_allowlist`); nil takes any card. Nothing
    /// is sent to a card outside the list.
    public var atrAllowlist: [[UInt8]]?

    /// What the passcode field shows as keys are pressed (`[passcode] echo`).
    public var passcodeEcho: PasscodeEcho

    public init(
        environment: KioskEnvironment, helpdesk: Helpdesk = Helpdesk(), now: Date, atrAllowlist: [[UInt8]]? = nil,
        passcodeEcho: PasscodeEcho = .indicator
    ) {
        self.phase = .locked
        self.environment = environment
        self.helpdesk = helpdesk
        self.now = now
        phaseStarted = now
        self.atrAllowlist = atrAllowlist
        self.passcodeEcho = passcodeEcho
    }
}

/// Where the kiosk is in a sign-in, one case per screen.
public enum KioskPhase: Equatable, Sendable {
    /// "Insert your NHS smartcard".
    case locked
    /// Reading the card (slow step: progress is shown).
    case readingCard
    /// "Enter your passcode".
    case passcodeEntry(PasscodeEntry)
    /// The card is checking the passcode.
    case verifyingPasscode
    /// Contacting Spine (slow step).
    case authenticating
    /// "Select your role".
    case choosingRole(RoleChoice)
    /// Opening the portal session (slow step).
    case openingSession(Role)
    /// "Signed in as …".
    case signedIn(SignedIn)
    /// Logging out before "Remove your smartcard".
    case endingSession(LogoutReason)
    /// "Remove your smartcard", with why.
    case removeCard(Notice)
    /// pcscd does not answer: nothing can be vouched for.
    case cardServiceUnavailable
}

/// The passcode screen's state; the passcode itself is not here.
public struct PasscodeEntry: Equatable, Sendable {
    /// Shown when fewer than three tries remain; nil when the card does not say (PKCS#11 tokens
    /// tell only the final try and the lock).
    public var triesLeft: Int?
    /// A warning that still lets the user in (certificate expiring soon).
    public var warning: Notice?
    /// What went wrong with the last try (wrong passcode, badly formed).
    public var problem: Notice?
    /// What the field shows of the keys pressed so far.
    public var feedback: PasscodeFeedback
    /// Whether a key that the keypad sends with Num Lock off (an arrow, Home, End, PgUp, PgDn,
    /// Insert, Delete) came instead of a passcode character, since the last character typed.
    public var numLockOff = false

    public init(
        triesLeft: Int?, warning: Notice? = nil, problem: Notice? = nil,
        feedback: PasscodeFeedback = PasscodeFeedback(echo: .indicator, seed: 0)
    ) {
        self.triesLeft = triesLeft
        self.warning = warning
        self.problem = problem
        self.feedback = feedback
    }

    /// Whether the tries left are worth telling: known, and fewer than three.
    public var showsTriesLeft: Bool { triesLeft.map { $0 < 3 } ?? false }
}

/// The role list: every role, a filter typed by the user, and the highlighted one.
public struct RoleChoice: Equatable, Sendable {
    public var roles: [Role]
    public var filter = ""
    /// Index into ``visibleRoles``.
    public var highlighted = 0
    /// When the list gives up waiting for a choice.
    public var deadline: Date?

    /// NHS practice: more than five roles get a filter.
    public static let filterThreshold = 5

    public init(roles: [Role]) { self.roles = roles }

    public var offersFilter: Bool { roles.count > Self.filterThreshold }

    public var visibleRoles: [Role] { filter.isEmpty ? roles : roles.filter { $0.matches(filter) } }

    public var highlightedRole: Role? {
        let visible = visibleRoles
        return visible.indices.contains(highlighted) ? visible[highlighted] : nil
    }
}

/// The signed-in screen's state, with the portal's timers.
public struct SignedIn: Equatable, Sendable {
    public var session: PortalSession
    /// When the portal ends the session for idleness unless the kiosk sends keep-alive.
    public var idleDeadline: Date
    /// When the kiosk last sent keep-alive.
    public var lastKeepAlive: Date
    /// When the kiosk next asks for status (renewing the lease).
    public var nextStatusCheck: Date
    /// Whether the last status call failed: the network is down, shown but not fatal.
    public var portalUnreachable = false

    public init(session: PortalSession, now: Date) {
        self.session = session
        idleDeadline = now.addingTimeInterval(session.idleTimeout)
        lastKeepAlive = now
        nextStatusCheck = now.addingTimeInterval(session.lease / 3)
    }

    /// Whether the "You are about to be logged out" warning shows at `now`.
    public func warns(at now: Date) -> Bool { now >= idleDeadline.addingTimeInterval(-session.warning) }

    /// Whole seconds left before the idle logout.
    public func secondsLeft(at now: Date) -> Int { max(0, Int(idleDeadline.timeIntervalSince(now).rounded(.up))) }
}
