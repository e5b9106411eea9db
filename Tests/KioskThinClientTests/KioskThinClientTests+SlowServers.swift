import Foundation
import KioskProcessTestSupport
import NetworkTestBed
import Testing

extension KioskThinClientTests {
    /// A server that takes 5 s on a thin client's link: Spine's validation, or the portal's
    /// session opening.
    enum SlowStep: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case spine, portal

        var testDescription: String { rawValue }

        /// The simulator's fault rule: the next call to the step's server, 5 s late.
        var fault: String {
            switch self {
            case .spine: #"{"path_prefix":"/login/authvalidate","latency_ms":5000,"times":1}"#
            case .portal: #"{"path_prefix":"/api/smartcard/sessions","method":"POST","latency_ms":5000,"times":1}"#
            }
        }

        /// What the screen says it waits for.
        var waitingFor: String {
            switch self {
            case .spine: "Waiting for NHS Spine: "
            case .portal: "Waiting for NHS Spine and the Coordinate My Care portal: "
            }
        }
    }

    /// A slow server: once a step takes longer than a moment, the screen says what it is waiting
    /// for and counts the seconds; the card pulled during the wait locks at once, and the ticket
    /// the late answer brings is logged out all the same.
    @Test(arguments: SlowStep.allCases)
    func aSlowServerIsShownWaitingAndRemovalDuringTheWaitStillLocksAtOnce(_ step: SlowStep) throws {
        let world = try ThinClientWorld("slow-\(step.rawValue)", link: LinkConditions(rtt: .milliseconds(50)))
        defer { world.finish() }
        try world.simulator.addFault(step.fault)
        let card = try world.scenario.insertAndEnterPasscode(demo: ThinClientWorld.card)

        let waiting = world.kiosk.wait(for: step.waitingFor + "3 s", seconds: 15)
        #expect(waiting.contains(step.waitingFor + "3 s"), "the wait is named and counted: \(waiting)")
        #expect(waiting.contains("Remove your card to cancel"), "\(waiting)")
        let lockSeconds = world.removeAndTimeLock(card)
        #expect(lockSeconds <= Self.lockBound, "the lock came \(lockSeconds) s after removal, during the wait")
        // The late answer comes about 2 s later; its ticket (and for the portal, its session) is
        // logged out then or by the retries.
        let after = try world.scenario.expectNothingLeftBehind(seconds: 30, "after the late answer")
        #expect(after.sessions.isEmpty && after.tickets.isEmpty, "\(after)")
        #expect(world.kioskProcesses().count == 1, "the kiosk carries on: \(world.kioskProcesses())")
    }
}
