import KioskCore
import Testing

/// The passcode lives in the shell's locked buffer, never in the state, and never outlives the
/// step that uses it.
@Suite("The passcode")
struct PasscodeTests {
    static func entering(_ card: CardSummary = Fixture.card) -> Kiosk {
        var kiosk = Kiosk()
        kiosk.send(Steps.read(card))
        return kiosk
    }

    @Test("tries left are shown only when fewer than three remain", arguments: [(3, false), (2, true), (1, true)])
    func triesShown(_ tries: Int, _ shown: Bool) {
        let kiosk = Self.entering(CardSummary(uid: Fixture.card.uid, triesLeft: tries))

        #expect(kiosk.passcodeEntry?.triesLeft == tries)
        #expect(kiosk.passcodeEntry?.showsTriesLeft == shown)
        #expect(kiosk.passcodeEntry?.problem == nil)
    }

    @Test("typing goes to the shell's buffer, never into the state")
    func typing() {
        var kiosk = Self.entering()
        let before = kiosk.state

        let effects = kiosk.send(Fixture.passcode.map { .input(.character($0)) } + [.input(.backspace)])

        #expect(effects == Fixture.passcode.map(KioskEffect.appendToPasscode) + [.eraseLastPasscodeCharacter])
        // Only the field's feedback moved: a place and a count, no character.
        var after = kiosk.state
        if case .passcodeEntry(var entry) = after.phase, case .passcodeEntry(let old) = before.phase {
            entry.feedback = old.feedback
            after.phase = .passcodeEntry(entry)
        }
        #expect(after == before)
    }

    @Test("spaces, control and non-ASCII characters are not typed", arguments: [" ", "é", "£", "\u{1}", "\u{7F}", "\t"] as [Character])
    func untypable(_ character: Character) {
        var kiosk = Self.entering()

        #expect(kiosk.press(.character(character)).isEmpty)
    }

    @Test("a wrong passcode tells the tries left", arguments: [(2, "2 tries left"), (1, "1 try left")])
    func wrong(_ tries: Int, _ words: String) throws {
        var kiosk = Kiosk()
        kiosk.send(Steps.submitted)

        let effects = kiosk.send(.passcodeChecked(attempt: 1, .wrong(triesLeft: tries)))

        let entry = try #require(kiosk.passcodeEntry)
        #expect(entry.triesLeft == tries)
        #expect(entry.showsTriesLeft)
        #expect(entry.problem?.headline == "That passcode is not right")
        #expect(entry.problem?.lines.contains { $0.contains(words) } == true)
        #expect(effects == [.audit(.passcodeRejected(uid: Fixture.card.uid, triesLeft: tries))])
    }

    @Test("a wrong passcode that used the last try is a locked card, not \"0 tries left\"")
    func wrongLastTry() {
        var kiosk = Kiosk()
        kiosk.send(Steps.submitted)

        let effects = kiosk.send(.passcodeChecked(attempt: 1, .wrong(triesLeft: 0)))

        #expect(kiosk.notice == KioskFailure.cardLocked.notice(helpdesk: Fixture.helpdesk))
        #expect(effects == [.audit(.passcodeBlocked(uid: Fixture.card.uid)), Fixture.wipe(attempt: 1)])
    }

    @Test("the expiry warning stays after a try that failed", arguments: [.wrong(triesLeft: 2), .badFormat] as [PasscodeCheck])
    func warningStays(_ check: PasscodeCheck) throws {
        var kiosk = Kiosk()
        kiosk.send(Steps.read(CardSummary(uid: Fixture.card.uid, expiresInDays: 30, triesLeft: 3)))
        let warning = try #require(kiosk.passcodeEntry?.warning)

        kiosk.send([.input(.submit), .passcodeChecked(attempt: 1, check)])

        #expect(kiosk.passcodeEntry?.warning == warning)
        #expect(kiosk.passcodeEntry?.problem != nil)
    }

    @Test("a blocked card shows the unlock guidance")
    func blocked() {
        var kiosk = Kiosk()
        kiosk.send(Steps.submitted)

        let effects = kiosk.send(.passcodeChecked(attempt: 1, .blocked))

        #expect(kiosk.notice == KioskFailure.cardLocked.notice(helpdesk: Fixture.helpdesk))
        #expect(effects == [.audit(.passcodeBlocked(uid: Fixture.card.uid)), Fixture.wipe(attempt: 1)])
    }

    @Test("a card already blocked is refused before the passcode")
    func blockedWhenRead() {
        let kiosk = Self.entering(CardSummary(uid: Fixture.card.uid, triesLeft: 0))

        #expect(kiosk.notice == KioskFailure.cardLocked.notice(helpdesk: Fixture.helpdesk))
    }

    @Test("a badly formed passcode spends no try")
    func badFormat() throws {
        var kiosk = Kiosk()
        kiosk.send(Steps.submitted + [.passcodeChecked(attempt: 1, .wrong(triesLeft: 2)), .input(.submit)])

        let effects = kiosk.send(.passcodeChecked(attempt: 1, .badFormat))

        let entry = try #require(kiosk.passcodeEntry)
        #expect(entry.triesLeft == 2)
        #expect(entry.problem?.headline == "Passcodes are 4 to 8 characters")
        #expect(entry.problem?.lines == ["No try was used."])
        #expect(effects.isEmpty)
    }

    static let expiries: [(Int, String)] = [
        (89, "Your smartcard certificate expires in 89 days"),
        (1, "Your smartcard certificate expires in 1 day"),
        // The card layer rounds down: under a day left is 0 days.
        (0, "Your smartcard certificate expires today"),
    ]

    @Test("a certificate expiring soon warns and still lets the user in", arguments: expiries)
    func expiringSoon(_ days: Int, _ headline: String) throws {
        var kiosk = Self.entering(CardSummary(uid: Fixture.card.uid, expiresInDays: days, triesLeft: 3))

        let warning = try #require(kiosk.passcodeEntry?.warning)
        #expect(warning.severity == .warning)
        #expect(warning.headline == headline)
        #expect(kiosk.press(.character("7")) == [.appendToPasscode("7")])
        #expect(kiosk.press(.submit) == [.verifyPasscode(attempt: 1)])
        kiosk.send(.passcodeChecked(attempt: 1, .verified))
        #expect(kiosk.phase == .authenticating)
    }

    // MARK: Every way out of passcode entry wipes the passcode

    struct Exit: Sendable, CustomTestStringConvertible {
        let name: String
        let events: [KioskEvent]
        var testDescription: String { name }
    }

    static let exits: [Exit] = [
        Exit(name: "give up", events: [.input(.giveUp)]),
        Exit(name: "card removed", events: [.cardRemoved(reader: Fixture.reader)]),
        Exit(name: "reader removed", events: [.readerRemoved(Fixture.reader)]),
        Exit(name: "card service lost", events: [.cardServiceUnavailable]),
        Exit(name: "card failed", events: [.input(.submit), .passcodeChecked(attempt: 1, .failed(.unreadableCard(detail: "6F00")))]),
        Exit(name: "card blocked", events: [.input(.submit), .passcodeChecked(attempt: 1, .blocked)]),
        Exit(
            name: "Spine failed after verification",
            events: [.input(.submit), .passcodeChecked(attempt: 1, .verified),
                     .spineAuthenticated(attempt: 1, .failure(.spineUnreachable(detail: "timed out")))]
        ),
        Exit(
            name: "portal failed after verification",
            events: [.input(.submit), .passcodeChecked(attempt: 1, .verified),
                     .spineAuthenticated(attempt: 1, .success(Fixture.login(roles: 1))),
                     .sessionOpened(attempt: 1, .failure(.noCMCRole))]
        ),
    ]

    @Test("every way out of passcode entry wipes the secrets", arguments: exits)
    func wipedOnExit(_ exit: Exit) {
        var kiosk = Kiosk()
        kiosk.send(Steps.typed)

        let effects = kiosk.send(exit.events)

        #expect(PhaseKind(kiosk.phase) != .passcodeEntry)
        #expect(effects.teardownSteps.contains(.wipeSecrets))
    }

    @Test("submitting presents the passcode to the card exactly once")
    func submittedOnce() {
        var kiosk = Kiosk()
        kiosk.send(Steps.typed)

        let effects = kiosk.press(.submit, .submit, .character("1"), .submit)

        #expect(kiosk.phase == .verifyingPasscode)
        #expect(effects == [.verifyPasscode(attempt: 1)])
        kiosk.send(.passcodeChecked(attempt: 1, .verified))
        #expect(kiosk.effects.filter { $0 == .verifyPasscode(attempt: 1) }.count == 1)
    }
}
