import KioskCore
import Testing

/// A card after a removal is a new, independent login.
@Suite("A new card")
struct NewAttemptTests {
    static let second = CardSummary(uid: "555987654321", triesLeft: 2)

    @Test("a second card gets a new attempt and the first one's results are ignored", arguments: Scenario.withCard)
    func secondCard(_ scenario: Scenario) {
        var kiosk = scenario.run()
        let first = kiosk.state.attempt
        kiosk.send(.cardRemoved(reader: Fixture.reader))

        let effects = kiosk.send(.cardInserted(reader: Fixture.otherReader, atr: [0x3B, 0x8C]))

        let attempt = kiosk.state.attempt
        #expect(attempt > first)
        #expect(effects == [
            .audit(.cardInserted(reader: Fixture.otherReader, atr: [0x3B, 0x8C])),
            .readCard(reader: Fixture.otherReader, attempt: attempt),
        ])
        kiosk.send(LateResults.of(attempt: first))
        #expect(kiosk.phase == .readingCard)

        kiosk.send(.cardRead(attempt: attempt, .success(Self.second)))
        #expect(kiosk.state.card == Self.second)
        #expect(kiosk.passcodeEntry?.triesLeft == 2)
        #expect(kiosk.passcodeEntry?.problem == nil && kiosk.passcodeEntry?.warning == nil)
    }

    @Test("the second login runs to the end on its own attempt")
    func secondLogin() {
        var kiosk = Kiosk()
        kiosk.send(Steps.signedIn() + [.cardRemoved(reader: Fixture.reader), .cardInserted(reader: Fixture.reader)])
        let attempt = kiosk.state.attempt

        kiosk.send([
            .cardRead(attempt: attempt, .success(Self.second)),
            .input(.character("1")), .input(.submit),
            .passcodeChecked(attempt: attempt, .verified),
            .spineAuthenticated(attempt: attempt, .success(Fixture.login(roles: 1))),
            .sessionOpened(attempt: attempt, .success(Fixture.session())),
        ])

        #expect(PhaseKind(kiosk.phase) == .signedIn)
        #expect(kiosk.effects.suffix(2) == [
            .audit(.sessionOpened(uid: Self.second.uid, roleID: Fixture.roles(1)[0].id)),
            .startSessionCommand(
                SessionLaunch(
                    uid: Self.second.uid, roleID: Fixture.roles(1)[0].id, displayName: Fixture.session().displayName,
                    portalURL: nil),
                attempt: attempt),
        ])
        #expect(kiosk.send(.portalAnswered(attempt: 1, .ended(.replaced))).isEmpty, "the first session's news")
    }
}
