import KioskCore
import Testing

/// pcscd gone: nobody can vouch that the card is still there, so the kiosk fails closed.
@Suite("Losing the card service")
struct CardServiceTests {
    @Test("fails closed from every phase with a card", arguments: Scenario.withCard)
    func failsClosed(_ scenario: Scenario) {
        var kiosk = scenario.run()
        let ending = kiosk.state.attempt

        let effects = kiosk.send(.cardServiceUnavailable)

        #expect(kiosk.phase == .cardServiceUnavailable)
        #expect(effects.first == Fixture.teardown(.cardRemoved, attempt: ending))
        #expect(!effects.teardownSteps.contains(.disconnectCard), "there is no card service to disconnect through")
        #expect(kiosk.state.cardReader == nil)
        #expect(kiosk.state.card == nil)
        #expect(kiosk.state.attempt != ending)
    }

    @Test("without a card there is nothing to tear down", arguments: Scenario.withoutCard)
    func withoutCard(_ scenario: Scenario) {
        var kiosk = scenario.run()

        #expect(kiosk.send(.cardServiceUnavailable).isEmpty)
        #expect(kiosk.phase == .cardServiceUnavailable)
    }

    @Test("restored, the kiosk locks and a card starts a new attempt", arguments: Scenario.all)
    func restored(_ scenario: Scenario) {
        var kiosk = scenario.run()
        let ending = kiosk.state.attempt
        kiosk.send(.cardServiceUnavailable)

        #expect(kiosk.send(.cardServiceRestored).isEmpty)
        #expect(kiosk.phase == .locked)

        let effects = kiosk.send(.cardInserted(reader: Fixture.reader))
        #expect(kiosk.phase == .readingCard)
        #expect(kiosk.state.attempt > ending)
        #expect(effects.contains(.readCard(reader: Fixture.reader, attempt: kiosk.state.attempt)))
    }

    @Test("while it is gone, cards and late results are ignored", arguments: Scenario.withCard)
    func ignoresEverythingWhileGone(_ scenario: Scenario) {
        var kiosk = scenario.run()
        let ending = kiosk.state.attempt
        kiosk.send(.cardServiceUnavailable)

        for event in [.cardInserted(reader: Fixture.reader)] + LateResults.of(attempt: ending) {
            let before = kiosk.state
            #expect(kiosk.send(event).isEmpty, "\(event)")
            #expect(kiosk.state == before, "\(event)")
        }
    }
}
