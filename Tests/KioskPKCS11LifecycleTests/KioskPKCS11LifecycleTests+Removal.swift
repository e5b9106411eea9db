import Foundation
import KioskProcessTestSupport
import Testing

extension KioskPKCS11LifecycleTests {
    // MARK: Removal at every step

    @Test func removalDuringPasscodeEntryLeavesNothing() throws {
        let world = try PKCS11World("remove-passcode")
        defer { world.finish() }
        let card = try world.insert(demo: "several-roles")
        #expect(world.kiosk.wait(for: "Enter your passcode").contains("Enter your passcode"))
        try world.kiosk.type("123")
        world.scenario.removeAndExpectLock(card)
        let status = try world.scenario.expectNothingLeftBehind()
        #expect(status.endedSessions.isEmpty, "\(status)")
        // The challenge fetched while the passcode was typed is abandoned: no signature was sent.
        #expect(!world.simulator.log.contains("GAS validation"), "\(world.simulator.log)")
        #expect(!world.scenario.waitForAudit("card_removed").isEmpty, "the removal is audited: \(world.scenario.auditText())")
    }

    /// The card is pulled while OpenSC waits in `C_Sign` for a card that holds the signature back
    /// for 20 s: the lock comes within two seconds. With vpcd, pulling the card (closing its
    /// socket) also ends the command under way, so OpenSC's call returns at once and the next
    /// card is read straight away.
    @Test func removalWhileTheCardHoldsBackTheSignatureLocksAtOnce() throws {
        let world = try PKCS11World("remove-signing")
        defer { world.finish() }
        let slowSigner = try world.persona(demo: "several-roles", changing: ["faults": ["delay_ms": ["sign": 20_000]]])
        let card = try world.insert(persona: slowSigner)
        try world.scenario.enterPasscode("123456")
        #expect(Poll.until(seconds: 30) { card.log.contains("delaying sign by 20000 ms") }, "the card holds the signature: \(card.log)")
        #expect(world.kiosk.capture().contains("Contacting NHS Spine"), "the kiosk waits for the signature")

        let pulled = ContinuousClock.now
        card.pullAbruptly(settle: 0)
        let locked = world.kiosk.wait(for: "Insert your NHS smartcard", seconds: 20)
        let lockLatency = ContinuousClock.now - pulled
        #expect(locked.contains("Insert your NHS smartcard"), "removal locks: \(locked)")
        #expect(lockLatency < .seconds(2), "locked \(lockLatency) after the removal")
        world.expectKioskRunning()
        let status = try world.scenario.expectNothingLeftBehind()
        #expect(status.endedSessions.isEmpty, "\(status)")
        #expect(!world.simulator.log.contains("GAS validation"), "no signature reached Spine: \(world.simulator.log)")

        let inserted = ContinuousClock.now
        let next = try world.insertAndEnterPasscode(demo: "one-role")
        #expect(ContinuousClock.now - inserted < .seconds(5), "the next card is read at once, not after the 20 s")
        try world.expectAmirKhanSignedInThenNothingLeft(removing: next)
    }

    @Test func removalDuringRoleChoiceLeavesNothing() throws {
        let world = try PKCS11World("remove-roles")
        defer { world.finish() }
        let card = try world.insertAndEnterPasscode(demo: "several-roles")
        #expect(world.kiosk.wait(for: "Select your role").contains("Select your role"))
        let choosing = try world.simulator.status()
        #expect(choosing.tickets.count == 1, "Spine holds the ticket while the role is chosen: \(choosing)")
        world.scenario.removeAndExpectLock(card)
        let status = try world.scenario.expectNothingLeftBehind(seconds: 20, "after removal during the role choice")
        #expect(status.endedSessions.isEmpty, "\(status)")
    }
}
