import Foundation
import Glibc
import KioskProcessTestSupport
import Testing

extension KioskPKCS11LifecycleTests {
    // MARK: A module call that hangs

    /// A module call that hangs whatever the card does: the hanging module holds the first
    /// `C_Sign` for 8 s before OpenSC is asked. The card pulled meanwhile locks the kiosk within
    /// two seconds while the call is still held; the module answers one call at a time, so the
    /// next card is read once the held call has returned, and signs in.
    @Test func removalWhileTheModuleHangsInCSignLocksAtOnce() throws {
        let world = try PKCS11World("hanging-sign", module: PKCS11World.hangingModule)
        defer { world.finish() }
        let card = try world.insertAndEnterPasscode(demo: "several-roles")
        #expect(Poll.until(seconds: 30) { world.kioskTemporaryFileExists("sign-held") }, "the module holds the signature")
        #expect(world.kiosk.capture().contains("Contacting NHS Spine"), "the kiosk waits for the signature")

        let pulled = ContinuousClock.now
        card.remove(settle: 0)
        let locked = world.kiosk.wait(for: "Insert your NHS smartcard", seconds: 20)
        let lockLatency = ContinuousClock.now - pulled
        #expect(locked.contains("Insert your NHS smartcard"), "removal locks: \(locked)")
        #expect(lockLatency < .seconds(2), "locked \(lockLatency) after the removal")
        #expect(!world.kioskTemporaryFileExists("sign-released"), "the call was still held when the kiosk locked")
        world.expectKioskRunning()
        let status = try world.scenario.expectNothingLeftBehind()
        #expect(status.endedSessions.isEmpty, "\(status)")
        #expect(!world.simulator.log.contains("GAS validation"), "no signature reached Spine: \(world.simulator.log)")
        // The logout waits for a ticket the held call might still earn, but only within its bound.
        let teardown = world.scenario.waitForAudit("teardown_complete") { $0.contains { $0["reason"] as? String == "card_removed" } }
        let latency = teardown.first { $0["reason"] as? String == "card_removed" }?["latency_ms"] as? Int
        #expect((latency ?? .max) < PKCS11World.logoutFirstTryMilliseconds + 1_000, "\(world.scenario.auditText())")

        let next = try world.insertAndEnterPasscode(demo: "one-role")
        try world.expectAmirKhanSignedInThenNothingLeft(removing: next)
        #expect(world.kioskTemporaryFileExists("sign-released"), "the held call has returned")
    }

    /// SIGTERM while the module hangs in `C_Sign`: the kiosk waits for the logouts' first try
    /// at most 3 s and for the module's finalisation at most 2 s, not for the call, and exits 0.
    @Test func anEndSignalWhileTheModuleHangsEndsTheKioskWithinItsBounds() throws {
        let world = try PKCS11World("hanging-sigterm", module: PKCS11World.hangingModule)
        defer { world.finish() }
        try world.insertAndEnterPasscode(demo: "several-roles")
        #expect(Poll.until(seconds: 30) { world.kioskTemporaryFileExists("sign-held") }, "the module holds the signature")
        let pid = try #require(world.kiosk.pid(), "the kiosk process")

        let signalled = ContinuousClock.now
        kill(pid, SIGTERM)
        let exited = world.kiosk.wait(for: "KIOSK-EXIT-", seconds: 20)
        let exitLatency = ContinuousClock.now - signalled
        #expect(exited.contains("KIOSK-EXIT-0"), "exit status 0: \(exited)\n\(world.kioskErrors)")
        #expect(exitLatency < .seconds(6), "ended \(exitLatency) after SIGTERM")
        #expect(!world.kioskTemporaryFileExists("sign-released"), "the kiosk ended while the call was still held")
        let status = try world.scenario.expectNothingLeftBehind()
        #expect(status.endedSessions.isEmpty, "\(status)")
    }
}
