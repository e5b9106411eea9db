import Foundation
import KioskProcessTestSupport
import Testing

extension ServiceFaultTests {
    /// The simulator stopped (SIGSTOP, its state kept) while signed in, then the card out: the
    /// lock screen comes at once, not after the network; the logout that could not be made is
    /// retried in the background, and once the simulator runs again (SIGCONT) it ends the session
    /// and the ticket.
    @Test func aStoppedSimulatorDoesNotHoldUpTheLockAndTheLogoutIsRetried() async throws {
        // A lease far longer than the test: only the kiosk's logout can end the session.
        let world = try await ServiceWorld("sim-stopped", simulatorOptions: ["--lease", "600"])
        defer { world.finish() }
        let amir = "555100000002"
        let card = try await world.insertAndEnterPasscode(demo: "one-role")
        #expect(world.kiosk.wait(for: "Signed in as Nurse Amir Khan").contains("Signed in as Nurse Amir Khan"))
        let session = try #require(try world.simulator.status().sessions(uid: amir).first?["session_id"] as? String)

        world.simulator.pause()
        defer { world.simulator.resume() }
        let removed = try await world.removeAndWaitForPCSCD(card)
        let locked = world.kiosk.wait(for: "Insert your NHS smartcard", seconds: 10)
        let lockLatency = ContinuousClock.now - removed
        #expect(locked.contains("Insert your NHS smartcard"), "\(locked)")
        #expect(lockLatency < .seconds(2), "locked \(lockLatency) after pcscd saw the card go")
        // The first logout tries are bounded (2 s) and fail: the teardown records them as retrying.
        let teardown = world.scenario.waitForAudit("teardown_complete", seconds: 10)
        #expect(teardown.last?["reason"] as? String == "card_removed", "\(teardown)")
        #expect((teardown.last?["logouts_retrying"] as? Int ?? 0) >= 1, "the logout is left to retry: \(teardown)")

        world.simulator.resume()
        let after = try world.simulator.waitForStatus(seconds: 30) {
            $0.sessions(uid: amir).isEmpty && $0.tickets(uid: amir).isEmpty
        }
        #expect(after.sessions(uid: amir).isEmpty, "the retried logout ended the session: \(after)")
        #expect(after.tickets(uid: amir).isEmpty, "and the ticket: \(after)")
        let ended = after.endedSessions(uid: amir).first
        #expect(ended?["session_id"] as? String == session, "\(after)")
        #expect(ended?["logout_reason"] as? String == "card_removed", "the kiosk's DELETE reached it: \(after)")
        #expect(world.kiosk.capture().contains("Insert your NHS smartcard"))
        world.expectKioskRunning()
    }

    /// The simulator gone (killed) before the passcode: the sign-in ends with plain words that
    /// Spine cannot be reached, the kiosk carries on, and once the simulator is back on its
    /// address a new attempt signs in.
    @Test func anUnreachableSimulatorAtSignInIsToldAndANewAttemptWorksOnceItIsBack() async throws {
        let world = try await ServiceWorld("sim-gone")
        defer { world.finish() }
        world.simulator.stop()
        let card = try await world.insertAndEnterPasscode(demo: "one-role")
        let failed = world.kiosk.wait(for: "Remove your smartcard", seconds: 15)
        #expect(failed.contains("NHS Spine cannot be reached"), "\(failed)")
        #expect(failed.contains("No connection could be made to NHS Spine."), "\(failed)")
        #expect(failed.contains("Try again in a few minutes."), "\(failed)")
        world.expectKioskRunning()
        world.scenario.removeAndExpectLock(card)

        try world.scenario.startSimulatorAgain()
        try await world.signInAndOutAgain()
        world.expectKioskRunning()
    }
}
