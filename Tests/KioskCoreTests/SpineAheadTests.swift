import Foundation
import KioskCore
import Testing

/// Spine's challenge is fetched while the passcode is typed, and the slow steps know when they
/// began, so that the screen can say how long they have waited.
@Suite("Spine ahead of the passcode, and how long a step has taken")
struct SpineAheadTests {
    @Test("the card read, the passcode screen comes with the challenge's fetch for the card's user")
    func cardReadPreparesSpine() {
        var kiosk = Kiosk()
        kiosk.send(Steps.inserted)

        let effects = kiosk.send(.cardRead(attempt: 1, .success(Fixture.card)))

        #expect(effects == [.prepareSpine(uid: Fixture.card.uid, attempt: 1)])
        guard case .passcodeEntry = kiosk.state.phase else {
            Issue.record("the passcode screen: \(kiosk.state.phase)")
            return
        }
    }

    @Test("a locked card asks Spine for nothing")
    func lockedCardPreparesNothing() {
        var kiosk = Kiosk()
        kiosk.send(Steps.inserted)

        let effects = kiosk.send(.cardRead(attempt: 1, .success(CardSummary(uid: Fixture.card.uid, triesLeft: 0))))

        #expect(!effects.contains { if case .prepareSpine = $0 { true } else { false } })
    }

    @Test("a wrong passcode keeps the challenge fetched: no second fetch")
    func wrongPasscodeFetchesNothingNew() {
        var kiosk = Kiosk()
        kiosk.send(Steps.submitted)

        let effects = kiosk.send(.passcodeChecked(attempt: 1, .wrong(triesLeft: 2)))

        #expect(!effects.contains { if case .prepareSpine = $0 { true } else { false } })
    }

    @Test("every ending of an attempt at the passcode stops the challenge's fetch", arguments: [
        KioskEvent.input(.giveUp), .cardRemoved(reader: Fixture.reader), .passcodeChecked(attempt: 1, .blocked),
        .shuttingDown,
    ])
    func endingsCancelTheFetch(_ ending: KioskEvent) {
        var kiosk = Kiosk()
        kiosk.send(Steps.submitted)
        if case .passcodeChecked = ending {} else { kiosk.send(.passcodeChecked(attempt: 1, .wrong(triesLeft: 2))) }

        let effects = kiosk.send(ending)

        #expect(effects.teardownSteps.first == .cancelRequests, "\(effects)")
    }

    @Test("a step's start is the time it began; keys and ticks within it do not move it")
    func stepStart() {
        var kiosk = Kiosk()
        kiosk.send(Steps.tick(5))
        kiosk.send(Steps.read())
        #expect(kiosk.state.phaseStarted == Fixture.start.addingTimeInterval(5))

        kiosk.send(Steps.tick(9))
        kiosk.send(.input(.character("7")))
        #expect(kiosk.state.phaseStarted == Fixture.start.addingTimeInterval(5), "typing is the same step")

        kiosk.send(.input(.submit))
        kiosk.send(.passcodeChecked(attempt: 1, .verified))
        #expect(kiosk.state.phase == .authenticating)
        #expect(kiosk.state.phaseStarted == Fixture.start.addingTimeInterval(9))
        kiosk.send(Steps.tick(14))
        #expect(kiosk.state.phaseStarted == Fixture.start.addingTimeInterval(9), "the clock moves, the step does not")
    }
}
