import KioskCore
import Testing

@Suite("Scenarios")
struct ScenarioTests {
    @Test("each scenario reaches the phase it names", arguments: Scenario.all)
    func reachesItsPhase(_ scenario: Scenario) {
        #expect(PhaseKind(scenario.run().phase) == scenario.phase)
    }

    @Test("the scenarios reach every phase")
    func coverEveryPhase() {
        #expect(Set(Scenario.all.map(\.phase)) == Set(PhaseKind.allCases))
    }

    @Test("a card is in use exactly in the scenarios that say so", arguments: Scenario.all)
    func cardInUse(_ scenario: Scenario) {
        let inUse = Scenario.withCard.contains { $0.name == scenario.name }
        #expect((scenario.run().state.cardReader == Fixture.reader) == inUse)
    }
}
