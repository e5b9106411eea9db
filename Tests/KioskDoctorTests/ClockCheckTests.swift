import Foundation
import Testing

@testable import KioskApp

/// The clock check's limits, which the process tests cannot reach without changing this
/// machine's clock: within 60 s ok, beyond it a warning, beyond 5 minutes a failure.
@Suite("cmc-kiosk doctor judges the clock")
struct ClockCheckTests {
    private func reading(_ server: String, machineAheadBy seconds: TimeInterval) -> ClockReading {
        let now = Date()
        return ClockReading(server: server, serverDate: now.addingTimeInterval(-seconds), localDate: now)
    }

    @Test func withinAMinuteIsOk() {
        let finding = ClockCheck.finding([reading("GAS", machineAheadBy: 2), reading("portal", machineAheadBy: -60)],
                                         serversAnswered: true)
        #expect(finding == DoctorFinding(.ok, "clock", "agrees with GAS and the portal to within 60 s"))
    }

    @Test func beyondAMinuteIsAWarningNamingTheWorstServer() {
        let finding = ClockCheck.finding([reading("GAS", machineAheadBy: 5), reading("portal", machineAheadBy: -95)],
                                         serversAnswered: true)
        #expect(finding.verdict == .warning)
        #expect(finding.text.hasPrefix("this machine's clock is 95 s behind the portal: check that NTP"), "\(finding.text)")
    }

    @Test func beyondFiveMinutesIsAFailure() {
        let finding = ClockCheck.finding([reading("GAS", machineAheadBy: 301)], serversAnswered: true)
        #expect(finding.verdict == .failed)
        #expect(finding.text.hasPrefix("this machine's clock is 301 s ahead of GAS: set it right"), "\(finding.text)")
    }

    @Test func withoutAnAnswerOrADateHeaderTheClockIsNotChecked() {
        #expect(ClockCheck.finding([], serversAnswered: false).text == "not checked: no server answered")
        #expect(ClockCheck.finding([], serversAnswered: true).text == "not checked: the servers sent no Date header")
        #expect(ClockCheck.finding([], serversAnswered: true).verdict == .skipped)
    }
}
