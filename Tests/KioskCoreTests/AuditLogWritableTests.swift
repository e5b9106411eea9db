import KioskCore
import Testing

/// The audit file turning unwritable and writable again: a flag for the lock screen's warning,
/// never a change of screen nor an effect, in any phase.
@Suite("The audit file unwritable")
struct AuditLogWritableTests {
    @Test("noted in every phase, with nothing else changed", arguments: Scenario.all)
    func noted(_ scenario: Scenario) {
        var kiosk = scenario.run()
        let before = kiosk.state

        #expect(kiosk.send(.auditLogWritable(false)).isEmpty)
        #expect(kiosk.state.auditLogWritable == false)
        var expected = before
        expected.auditLogWritable = false
        #expect(kiosk.state == expected)

        #expect(kiosk.send(.auditLogWritable(true)).isEmpty)
        #expect(kiosk.state == before)
    }
}
