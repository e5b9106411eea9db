import KioskCore
import Testing

/// Card removal wins over everything.
@Suite("Removing the card")
struct RemovalTests {
    enum Removal: CaseIterable, Sendable {
        case card, reader

        var event: KioskEvent {
            switch self {
            case .card: .cardRemoved(reader: Fixture.reader)
            case .reader: .readerRemoved(Fixture.reader)
            }
        }
    }

    @Test("locks and tears down first, from every phase with a card", arguments: Scenario.withCard, Removal.allCases)
    func locksAndTearsDown(_ scenario: Scenario, _ removal: Removal) {
        var kiosk = scenario.run()
        let ending = kiosk.state.attempt

        let effects = kiosk.send(removal.event)

        #expect(kiosk.phase == .locked)
        #expect(effects.first == Fixture.teardown(.cardRemoved, attempt: ending, then: [.disconnectCard]))
        #expect(effects.contains(.audit(.cardRemoved(reader: Fixture.reader))))
        #expect(kiosk.state.cardReader == nil)
        #expect(kiosk.state.card == nil)
        #expect(kiosk.state.attempt != ending)
    }

    @Test("a removal from another reader changes nothing", arguments: Scenario.all)
    func otherReaderRemoval(_ scenario: Scenario) {
        let before = scenario.run()
        var kiosk = before

        let effects = kiosk.send(.cardRemoved(reader: Fixture.otherReader))

        #expect(effects.isEmpty)
        #expect(kiosk.state == before.state)
    }

    @Test("a card inserted in another reader changes nothing while a card is in use", arguments: Scenario.withCard)
    func otherReaderInsertion(_ scenario: Scenario) {
        let before = scenario.run()
        var kiosk = before

        let effects = kiosk.send(.cardInserted(reader: Fixture.otherReader))

        #expect(effects.isEmpty)
        #expect(kiosk.state == before.state)
    }

    @Test("results of the ended attempt are ignored, even once a new card is being read", arguments: Scenario.withCard)
    func lateResultsIgnored(_ scenario: Scenario) {
        var kiosk = scenario.run()
        let ending = kiosk.state.attempt
        kiosk.send(.cardRemoved(reader: Fixture.reader))

        for late in LateResults.of(attempt: ending) {
            let before = kiosk.state
            #expect(kiosk.send(late).isEmpty, "\(late)")
            #expect(kiosk.state == before, "\(late)")
        }

        kiosk.send(.cardInserted(reader: Fixture.reader))
        #expect(kiosk.phase == .readingCard)
        for late in LateResults.of(attempt: ending) {
            let before = kiosk.state
            #expect(kiosk.send(late).isEmpty, "\(late)")
            #expect(kiosk.state == before, "\(late)")
        }
    }
}
