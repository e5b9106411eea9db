/// The kiosk's one decision function: the next state, and what to do, for an event.
///
/// Pure: no I/O, no clock (time arrives as ``KioskEvent/tick(_:)``). Its invariants, tested over
/// every phase: a removal of the card in use locks at once and tears everything down before any
/// other effect; a passcode never outlives the step that uses it.
public func reduce(_ state: KioskState, _ event: KioskEvent) -> (KioskState, [KioskEffect]) {
    var next = state
    let effects = next.apply(event)
    return (next, effects)
}

extension KioskState {
    /// Applies `event` in place and returns the effects it calls for.
    public mutating func apply(_ event: KioskEvent) -> [KioskEffect] {
        let before = phase
        let effects = effects(of: event)
        if phase.step != before.step { phaseStarted = now }
        return effects
    }

    private mutating func effects(of event: KioskEvent) -> [KioskEffect] {
        switch event {
        case .tick(let time):
            now = time
            return timersFired()
        case .readerAdded(let name):
            if !readers.contains(name) { readers.append(name) }
            return []
        case .readerRemoved(let name):
            readers.removeAll { $0 == name }
            return name == cardReader ? lockAfterRemoval(of: name) : []
        case .cardInserted(let reader, let atr):
            return begin(with: reader, atr: atr)
        case .cardRemoved(let reader):
            return reader == cardReader ? lockAfterRemoval(of: reader) : []
        case .cardServiceUnavailable:
            return loseCardService()
        case .cardServiceRestored:
            cardServiceAvailable = true
            if phase == .cardServiceUnavailable { phase = .locked }
            return []
        case .auditLogWritable(let writable):
            auditLogWritable = writable
            return []
        case .input(let input):
            return handle(input)
        case .cardRead(let tag, let result):
            guard tag == attempt, phase == .readingCard else { return [] }
            return cardWasRead(result)
        case .passcodeChecked(let tag, let check):
            guard tag == attempt, phase == .verifyingPasscode else { return [] }
            return passcodeWasChecked(check)
        case .spineAuthenticated(let tag, let result):
            guard tag == attempt, phase == .authenticating else { return [] }
            return spineAnswered(result)
        case .sessionOpened(let tag, let result):
            guard tag == attempt, case .openingSession(let role) = phase else { return [] }
            return portalOpened(result, role: role)
        case .portalAnswered(let tag, let answer):
            guard tag == attempt, case .signedIn(var signedIn) = phase else { return [] }
            return portalAnswered(answer, signedIn: &signedIn)
        case .sessionCommandExited(let tag):
            guard tag == attempt, case .signedIn = phase else { return [] }
            return endSession(.userLogout)
        case .shuttingDown:
            guard cardReader != nil else { return [] }
            let uid = card?.uid ?? ""
            return lock(tearingDownFor: .kioskShutdown, disconnecting: true)
                + [.audit(.sessionEnded(uid: uid, reason: LogoutReason.kioskShutdown.rawValue))]
        case .teardownFinished(let tag):
            guard tag == attempt, case .endingSession(let reason) = phase else { return [] }
            phase = .removeCard(Self.farewell(for: reason, helpdesk: helpdesk))
            return []
        }
    }

    // MARK: The card

    private mutating func begin(with reader: String, atr: [UInt8]) -> [KioskEffect] {
        guard phase == .locked, cardServiceAvailable, cardReader == nil else { return [] }
        attempt += 1
        cardReader = reader
        card = nil
        guard atrAllowlist?.contains(atr) ?? true else {
            return [.audit(.cardInserted(reader: reader, atr: atr))] + fail(.cardNotAllowed)
        }
        phase = .readingCard
        return [.audit(.cardInserted(reader: reader, atr: atr)), .readCard(reader: reader, attempt: attempt)]
    }

    /// The card in use left: lock first, then tear down, before anything else.
    private mutating func lockAfterRemoval(of reader: String, disconnecting: Bool = true) -> [KioskEffect] {
        lock(tearingDownFor: .cardRemoved, disconnecting: disconnecting) + [.audit(.cardRemoved(reader: reader))]
    }

    /// Locks, and tears down the attempt under way; its late results are ignored from now on.
    private mutating func lock(tearingDownFor reason: LogoutReason, disconnecting: Bool) -> [KioskEffect] {
        let ending = attempt
        attempt += 1
        phase = .locked
        cardReader = nil
        card = nil
        return [.tearDown(Self.teardown(reason, attempt: ending, then: disconnecting ? [.disconnectCard] : []))]
    }

    private mutating func loseCardService() -> [KioskEffect] {
        cardServiceAvailable = false
        readers = []
        guard let reader = cardReader else {
            phase = .cardServiceUnavailable
            return []
        }
        // Fail closed: with pcscd gone, nobody can vouch that the card is still there, and there
        // is no connection left to close.
        let effects = lockAfterRemoval(of: reader, disconnecting: false)
        phase = .cardServiceUnavailable
        return effects
    }

    private mutating func cardWasRead(_ result: Result<CardSummary, KioskFailure>) -> [KioskEffect] {
        switch result {
        case .failure(let failure):
            return fail(failure)
        case .success(let summary):
            card = summary
            guard summary.triesLeft != 0 else { return fail(.cardLocked) }
            phase = .passcodeEntry(passcodeEntry())
            // Spine's challenge is fetched while the passcode is typed: after it, only
            // validation, role selection and the portal remain.
            return [.prepareSpine(uid: summary.uid, attempt: attempt)]
        }
    }

    /// The passcode screen for the card read, with the expiry warning for as long as it shows.
    private func passcodeEntry(problem: Notice? = nil) -> PasscodeEntry {
        let warning = card?.expiresInDays.map { days in
            // The card layer rounds down, so under a day left is 0 days.
            let when = days == 0 ? "today" : "in \(days) day\(days == 1 ? "" : "s")"
            return Notice(.warning, "Your smartcard certificate expires \(when)", [
                "Renew it with your Registration Authority soon.",
            ])
        }
        // The time, to the nanosecond, seeds the indicator's path: nobody can know it in advance.
        let seed = UInt64(bitPattern: Int64((now.timeIntervalSince1970 * 1e9).rounded())) ^ UInt64(attempt)
        return PasscodeEntry(
            triesLeft: card?.triesLeft, warning: warning, problem: problem,
            feedback: PasscodeFeedback(echo: passcodeEcho, seed: seed))
    }

    // MARK: The keyboard

    private mutating func handle(_ input: KioskInput) -> [KioskEffect] {
        switch phase {
        case .passcodeEntry(var entry): typeInPasscode(input, entry: &entry)
        case .choosingRole(var choice): chooseRole(input, choice: &choice)
        case .signedIn(var signedIn): actWhileSignedIn(input, signedIn: &signedIn)
        default: []
        }
    }

    private mutating func typeInPasscode(_ input: KioskInput, entry: inout PasscodeEntry) -> [KioskEffect] {
        switch input {
        case .character(let character) where character.asciiValue.map(Self.passcodeCharacters.contains) == true:
            entry.feedback.typed()
            entry.numLockOff = false
            phase = .passcodeEntry(entry)
            return [.appendToPasscode(character)]
        case .backspace:
            entry.feedback.erased()
            phase = .passcodeEntry(entry)
            return [.eraseLastPasscodeCharacter]
        case .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .insert, .delete:
            // What the keypad's digits send with Num Lock off, where the terminal cannot tell
            // them from these keys (TerminalUI takes the keypad's own codes as digits).
            entry.numLockOff = true
            phase = .passcodeEntry(entry)
            return []
        case .submit:
            phase = .verifyingPasscode
            return [.verifyPasscode(attempt: attempt)]
        case .giveUp:
            phase = .removeCard(Notice(.information, "Sign-in cancelled"))
            return [.tearDown(Teardown(attempt: attempt, steps: [.cancelRequests, .wipeSecrets, .disconnectCard]))]
        default:
            return []
        }
    }

    private mutating func chooseRole(_ input: KioskInput, choice: inout RoleChoice) -> [KioskEffect] {
        let count = choice.visibleRoles.count
        switch input {
        case .up: choice.highlighted = max(0, choice.highlighted - 1)
        case .down: choice.highlighted = max(0, min(count - 1, choice.highlighted + 1))
        case .pageUp: choice.highlighted = max(0, choice.highlighted - RoleChoice.filterThreshold)
        case .pageDown: choice.highlighted = max(0, min(count - 1, choice.highlighted + RoleChoice.filterThreshold))
        case .home: choice.highlighted = 0
        case .end: choice.highlighted = max(0, count - 1)
        case .character(let character) where choice.offersFilter:
            choice.filter.append(character)
            choice.highlighted = 0
        case .backspace where choice.offersFilter && !choice.filter.isEmpty:
            choice.filter.removeLast()
            choice.highlighted = 0
        case .submit:
            guard let role = choice.highlightedRole else { return [] }
            return open(role)
        case .giveUp:
            return fail(Notice(.information, "Sign-in cancelled"))
        default:
            return []
        }
        phase = .choosingRole(choice)
        return []
    }

    private mutating func actWhileSignedIn(_ input: KioskInput, signedIn: inout SignedIn) -> [KioskEffect] {
        switch input {
        case .logout:
            return endSession(.userLogout)
        case .staySignedIn where signedIn.warns(at: now):
            return keepAlive(&signedIn)
        default:
            // Activity at the kiosk counts, at most once a minute.
            guard now.timeIntervalSince(signedIn.lastKeepAlive) >= Self.keepAliveInterval else { return [] }
            return keepAlive(&signedIn)
        }
    }

    /// Passcode characters the card accepts: printable ASCII, no space.
    static let passcodeCharacters: ClosedRange<UInt8> = 0x21...0x7E

    /// How long the role list waits for a choice before the attempt ends and Spine is logged out.
    public static let roleChoiceTimeout: Double = 120

    /// Keyboard activity sends keep-alive at most this often.
    public static let keepAliveInterval: Double = 60

    private mutating func keepAlive(_ signedIn: inout SignedIn) -> [KioskEffect] {
        signedIn.lastKeepAlive = now
        signedIn.idleDeadline = now.addingTimeInterval(signedIn.session.idleTimeout)
        phase = .signedIn(signedIn)
        return [.sendKeepAlive(attempt: attempt)]
    }

    // MARK: The passcode, Spine and the portal

    private mutating func passcodeWasChecked(_ check: PasscodeCheck) -> [KioskEffect] {
        let uid = card?.uid ?? ""
        switch check {
        case .verified:
            phase = .authenticating
            return [.audit(.passcodeAccepted(uid: uid)), .authenticateWithSpine(uid: uid, attempt: attempt)]
        case .wrong(let triesLeft) where triesLeft != 0:
            card?.triesLeft = triesLeft
            let problem = Notice(.error, "That passcode is not right", [
                triesLeft.map { "\($0) \($0 == 1 ? "try" : "tries") left before your card locks." }
                    ?? "Too many wrong tries lock your card.",
            ])
            phase = .passcodeEntry(passcodeEntry(problem: problem))
            return [.audit(.passcodeRejected(uid: uid, triesLeft: triesLeft))]
        case .badFormat:
            let problem = Notice(.error, "Passcodes are 4 to 8 characters", ["No try was used."])
            phase = .passcodeEntry(passcodeEntry(problem: problem))
            return []
        case .blocked, .wrong:
            // 63C0 — wrong with no try left — means the card has just blocked itself.
            return [.audit(.passcodeBlocked(uid: uid))] + fail(.cardLocked)
        case .failed(let failure):
            return fail(failure)
        }
    }

    private mutating func spineAnswered(_ result: Result<SpineLogin, KioskFailure>) -> [KioskEffect] {
        let uid = card?.uid ?? ""
        switch result {
        case .failure(let failure):
            return [.audit(.spineFailed(uid: uid, failure: failure))] + fail(failure)
        case .success(let login):
            let audit = KioskEffect.audit(.spineAuthenticated(uid: uid, roles: login.roles.count))
            switch login.roles.count {
            case 0:
                return [audit] + fail(.noRoles, loggingOut: true)
            case 1:
                return [audit] + open(login.roles[0])
            default:
                var choice = RoleChoice(roles: login.roles)
                choice.deadline = now.addingTimeInterval(Self.roleChoiceTimeout)
                phase = .choosingRole(choice)
                return [audit]
            }
        }
    }

    private mutating func open(_ role: Role) -> [KioskEffect] {
        phase = .openingSession(role)
        return [.audit(.roleChosen(uid: card?.uid ?? "", roleID: role.id)), .openSession(roleID: role.id, attempt: attempt)]
    }

    private mutating func portalOpened(_ result: Result<PortalSession, KioskFailure>, role: Role) -> [KioskEffect] {
        let uid = card?.uid ?? ""
        switch result {
        case .failure(let failure):
            return [.audit(.sessionFailed(uid: uid, failure: failure))] + fail(failure, loggingOut: true)
        case .success(let session):
            phase = .signedIn(SignedIn(session: session, now: now))
            let launch = SessionLaunch(
                uid: uid, roleID: role.id, displayName: session.displayName, portalURL: session.portalURL)
            return [.audit(.sessionOpened(uid: uid, roleID: role.id)), .startSessionCommand(launch, attempt: attempt)]
        }
    }

    private mutating func portalAnswered(_ answer: PortalAnswer, signedIn: inout SignedIn) -> [KioskEffect] {
        switch answer {
        case .active(let idleRemaining):
            signedIn.idleDeadline = now.addingTimeInterval(idleRemaining)
            signedIn.portalUnreachable = false
        case .unreachable:
            signedIn.portalUnreachable = true
        case .ended(let reason):
            let effects: [KioskEffect] = [
                .tearDown(Self.teardown(.userLogout, attempt: attempt)),
                .audit(.sessionEnded(uid: card?.uid ?? "", reason: reason.rawValue)),
            ]
            phase = .removeCard(KioskFailure.sessionEnded(reason).notice(helpdesk: helpdesk))
            return effects
        }
        phase = .signedIn(signedIn)
        return []
    }

    // MARK: Time

    private mutating func timersFired() -> [KioskEffect] {
        if case .choosingRole(let choice) = phase, let deadline = choice.deadline, now >= deadline {
            // Spine has signed the user in: a role list left unattended must not wait for anyone.
            return fail(Notice(.information, "Sign-in timed out", ["No role was chosen in time."]), loggingOut: true)
        }
        guard case .signedIn(var signedIn) = phase else { return [] }
        if now >= signedIn.idleDeadline { return endSession(.idleTimeout) }
        guard now >= signedIn.nextStatusCheck else { return [] }
        signedIn.nextStatusCheck = now.addingTimeInterval(signedIn.session.lease / 3)
        phase = .signedIn(signedIn)
        return [.checkPortalStatus(attempt: attempt)]
    }

    // MARK: Endings

    /// Ends a signed-in session on purpose; "Remove your smartcard" follows once it is done.
    private mutating func endSession(_ reason: LogoutReason) -> [KioskEffect] {
        phase = .endingSession(reason)
        return [
            .tearDown(Self.teardown(reason, attempt: attempt, then: [.reportFinished])),
            .audit(.sessionEnded(uid: card?.uid ?? "", reason: reason.rawValue)),
        ]
    }

    /// The attempt failed: "Remove your smartcard" and why. A Spine login already made is ended.
    private mutating func fail(_ failure: KioskFailure, loggingOut: Bool = false) -> [KioskEffect] {
        fail(failure.notice(helpdesk: helpdesk), loggingOut: loggingOut || phase.hasSpineLogin)
    }

    private mutating func fail(_ notice: Notice, loggingOut: Bool = false) -> [KioskEffect] {
        let ended = loggingOut || phase.hasSpineLogin
        phase = .removeCard(notice)
        let teardown = ended
            ? Self.teardown(.userLogout, attempt: attempt)
            : Teardown(attempt: attempt, steps: [.cancelRequests, .wipeSecrets])
        return [.tearDown(teardown)]
    }

    /// Everything a session leaves behind goes, in this order: requests in flight, secrets, the
    /// session command, the logouts, then whatever `then` adds.
    static func teardown(_ reason: LogoutReason, attempt: Int, then: [Teardown.Step] = []) -> Teardown {
        Teardown(attempt: attempt, steps: [.cancelRequests, .wipeSecrets, .stopSessionCommand, .logOut(reason)] + then)
    }

    static func farewell(for reason: LogoutReason, helpdesk: Helpdesk) -> Notice {
        switch reason {
        case .idleTimeout: KioskFailure.sessionEnded(.idleTimeout).notice(helpdesk: helpdesk)
        default: Notice(.information, "You have logged out")
        }
    }
}

extension KioskPhase {
    /// Whether Spine may hold a login (ticket) for this attempt: from the moment the signed
    /// challenge may be on its way, since a validation already sent can still earn a ticket.
    var hasSpineLogin: Bool {
        switch self {
        case .authenticating, .choosingRole, .openingSession, .signedIn, .endingSession: true
        case .locked, .readingCard, .passcodeEntry, .verifyingPasscode, .removeCard, .cardServiceUnavailable: false
        }
    }
}
