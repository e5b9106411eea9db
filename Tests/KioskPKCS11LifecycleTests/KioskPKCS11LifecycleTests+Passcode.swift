import Foundation
import KioskProcessTestSupport
import Testing

extension KioskPKCS11LifecycleTests {
    // MARK: The passcode

    /// PKCS#11 tells no count of tries, only the token's flags: OpenSC's PIV driver sets none
    /// after the first wrong passcode, `CKF_USER_PIN_FINAL_TRY` after the second and
    /// `CKF_USER_PIN_LOCKED` after the third.
    @Test func wrongPasscodesSayNotRightThenWarnOfTheLastTryThenTheCardLocksAndStaysLocked() throws {
        let world = try PKCS11World("passcode")
        defer { world.finish() }
        // A fresh cmc-vcard process: its card starts with the persona's three tries.
        let card = try world.insert(demo: "several-roles")
        try world.scenario.enterPasscode("000000")
        let first = world.kiosk.wait(for: "That passcode is not right")
        #expect(first.contains("That passcode is not right"), "\(first)")
        #expect(first.contains("Too many wrong tries lock your card."), "no count is told: \(first)")
        #expect(!first.contains("tries left") && !first.contains("Last try"), "\(first)")
        #expect(first.contains("Enter your passcode"), "asked again: \(first)")
        try world.kiosk.type("000000")
        try world.kiosk.send("Enter")
        let second = world.kiosk.wait(for: "1 try left")
        #expect(second.contains("1 try left before your card locks."), "the token flags the final try: \(second)")
        #expect(second.contains("Last try: a wrong passcode locks your card"), "\(second)")
        try world.kiosk.type("000000")
        try world.kiosk.send("Enter")
        let locked = world.kiosk.wait(for: "Your smartcard is locked")
        #expect(locked.contains("Your smartcard is locked"), "\(locked)")
        #expect(locked.contains("digital.nhs.uk/unlock"), "\(locked)")
        #expect(locked.contains("Remove your smartcard"), "\(locked)")
        let status = try world.scenario.expectNothingLeftBehind()
        #expect(status.endedSessions.isEmpty, "no session was opened: \(status)")
        // Only the challenge, fetched while the passcode was typed, reached Spine: no signature.
        #expect(!world.simulator.log.contains("GAS validation"), "\(world.simulator.log)")
        let rejected = world.scenario.waitForAudit("passcode_rejected") { $0.count == 2 }
        #expect(rejected.map { "\($0["tries_left"] ?? "")" } == ["unknown", "1"], "\(world.scenario.auditText())")
        #expect(!world.scenario.waitForAudit("passcode_blocked").isEmpty, "\(world.scenario.auditText())")
        world.scenario.removeAndExpectLock(card)

        // cmc-vcard keeps a card's tries in its process, and a card put back is a new process
        // starting from its persona's tries: the same persona with none left stands for the
        // card put back, as a real card would be.
        let lockedCard = try world.insert(persona: try world.persona(demo: "several-roles", changing: ["tries_left": 0]))
        var askedForPasscode = false
        let again = world.kiosk.tmux.wait(seconds: 30) { pane in
            askedForPasscode = askedForPasscode || pane.contains("Enter your passcode")
            return pane.contains("Remove your smartcard")
        }
        #expect(again.contains("Your smartcard is locked"), "\(again)")
        #expect(again.contains("digital.nhs.uk/unlock"), "\(again)")
        #expect(!askedForPasscode, "a locked card gets no passcode prompt")
        let afterAgain = try world.scenario.expectNothingLeftBehind()
        #expect(afterAgain.endedSessions.isEmpty, "\(afterAgain)")
        #expect(!world.simulator.log.contains("GAS validation"), "\(world.simulator.log)")
        world.scenario.removeAndExpectLock(lockedCard)
    }
}
