import Foundation
import KioskProcessTestSupport
import Testing

extension KioskFaultTests {
    /// A faulty card (`faults` in its persona: `spec/card-profile.md`'s commands answered with
    /// garbage, cut short or not at all): the kiosk says so in plain words, keeps running, leaves
    /// no session or ticket in the simulator, and the next good card signs in.
    @Suite("a faulty card")
    struct CardFaultTests {
        static let unreadable = "The smartcard could not be read"
        /// Read, then failing at the passcode or the signature.
        static let failed = "Your smartcard did not work"

        /// A status word no step of the profile allows, while the card is read.
        @Test(arguments: [
            ("select", "6F00", "select the application"),
            ("read", "6F00", "read the certificate"),
            ("tries", "9A5C", "ask for the passcode tries left"),
        ])
        func aGarbageStatusWhileTheCardIsReadIsShown(command: String, status: String, step: String) throws {
            let world = try FaultWorld("status-\(command)")
            defer { world.finish() }
            let card = try world.scenario.insert(persona: world.persona(faults: ["status_words": [command: status]]))
            let shown = world.kiosk.wait(for: "Remove your smartcard")
            #expect(shown.contains(Self.unreadable), "\(shown)")
            #expect(shown.contains("The card answered \(status) when asked to \(step)."), "\(shown)")
            #expect(!shown.contains("Enter your passcode"), "\(shown)")
            world.expectKioskRunning()
            try world.scenario.expectNothingLeftBehind()
            try world.expectNextGoodCardSignsIn(after: card)
        }

        /// A status word the profile does not allow, to the passcode or to the signing.
        @Test(arguments: [("verify", "9A5C", "verify the passcode"), ("sign", "6F00", "sign")])
        func aGarbageStatusAfterThePasscodeIsShown(command: String, status: String, step: String) throws {
            let world = try FaultWorld("status-\(command)")
            defer { world.finish() }
            let card = try world.scenario.insert(persona: world.persona(faults: ["status_words": [command: status]]))
            try world.scenario.enterPasscode("123456")
            let shown = world.kiosk.wait(for: "Remove your smartcard")
            #expect(shown.contains(Self.failed), "\(shown)")
            #expect(shown.contains("contact your Registration Authority"), "\(shown)")
            #expect(shown.contains("The card answered \(status) when asked to \(step)."), "\(shown)")
            world.expectKioskRunning()
            let after = try world.scenario.expectNothingLeftBehind()
            #expect(after.endedSessions.isEmpty, "no session was ever opened: \(after)")
            try world.expectNextGoodCardSignsIn(after: card)
        }

        @Test func aTruncatedCertificateIsShown() throws {
            let world = try FaultWorld("truncated-certificate")
            defer { world.finish() }
            let card = try world.scenario.insert(persona: world.persona(faults: ["certificate_length": 600]))
            let shown = world.kiosk.wait(for: "Remove your smartcard")
            #expect(shown.contains(Self.unreadable), "\(shown)")
            #expect(shown.contains("the certificate on the card is truncated (600 bytes read)"), "\(shown)")
            world.expectKioskRunning()
            try world.scenario.expectNothingLeftBehind()
            try world.expectNextGoodCardSignsIn(after: card)
        }

        @Test func aSignatureOfTheWrongLengthIsShownAndNeverSent() throws {
            let world = try FaultWorld("signature-length")
            defer { world.finish() }
            let card = try world.scenario.insert(persona: world.persona(faults: ["signature_length": 255]))
            try world.scenario.enterPasscode("123456")
            let shown = world.kiosk.wait(for: "Remove your smartcard")
            #expect(shown.contains(Self.failed), "\(shown)")
            #expect(shown.contains("The card's signature had the wrong length (255 bytes)."), "\(shown)")
            world.expectKioskRunning()
            try world.scenario.expectNothingLeftBehind()
            #expect(!world.simulator.log.contains("GAS validation"), "no signature went to Spine: \(world.simulator.log)")
            try world.expectNextGoodCardSignsIn(after: card)
        }

        /// The card process dies in the middle of a command (held up by a delay fault): the
        /// kiosk locks as for any removal.
        @Test(arguments: ["read", "sign"])
        func theCardPulledInTheMiddleOfACommandLocks(command: String) throws {
            let world = try FaultWorld("pulled-\(command)")
            defer { world.finish() }
            let card = try world.scenario.insert(persona: world.persona(faults: ["delay_ms": [command: 5_000]]))
            if command == "sign" { try world.scenario.enterPasscode("123456") }
            let delaying = "delaying \(command) by 5000 ms"
            #expect(Poll.until(seconds: 30) { card.log.contains(delaying) }, "the card holds the command: \(card.log)")
            card.pullAbruptly()
            let locked = world.kiosk.wait(for: "Insert your NHS smartcard")
            #expect(locked.contains("Insert your NHS smartcard"), "the kiosk locks: \(locked)")
            world.expectKioskRunning()
            let status = try world.scenario.expectNothingLeftBehind()
            #expect(status.endedSessions.isEmpty, "\(status)")
            try world.expectNextGoodCardSignsIn(after: card)
        }
    }
}
