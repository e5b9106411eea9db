import Foundation
import KioskProcessTestSupport
import Testing

/// The real kiosk (`cmc-kiosk --config FILE`) with `[card] backend = "pkcs11"`: cards through
/// OpenSC's `opensc-pkcs11.so` and its PIV driver, `cmc-vcard insert --piv` cards on a private
/// pcscd, `cmc-sim` (GAS and portal) over TLS. Every test checks the screens and what the
/// simulator holds.
@Suite("cmc-kiosk lifecycle through PKCS#11 (OpenSC)", .serialized)
struct KioskPKCS11LifecycleTests {
    /// Dr Jane Smith's second role (several-roles.json).
    static let janesSecondRole = "555200010002"

    /// Whether a portal session's end `reason` is the kiosk's logout (the portal's DELETE or
    /// GAS's logout, whichever the simulator handles first).
    static func endedByLogout(_ reason: String?) -> Bool { reason == "logout" || reason == "spine_logout" }

    // MARK: Signing in and out

    @Test func aPIVCardSignsInWithTheChosenRoleAndRemovalEndsEverything() throws {
        let world = try PKCS11World("happy")
        defer { world.finish() }
        let card = try world.insert(demo: "several-roles")
        let asked = world.kiosk.wait(for: "Enter your passcode")
        #expect(asked.contains("Enter your passcode"), "\(asked)")
        #expect(!asked.contains("Tries left") && !asked.contains("Last try"), "PKCS#11 tells no count of tries: \(asked)")
        try world.kiosk.type("123456")
        try world.kiosk.send("Enter")
        let roles = world.kiosk.wait(for: "Select your role")
        #expect(roles.contains("Health Professional Access Role"), "the roles are listed: \(roles)")
        try world.kiosk.send("Down", "Enter")
        let signedIn = world.kiosk.wait(for: "Signed in as Dr Jane Smith")
        #expect(signedIn.contains("Signed in as Dr Jane Smith"), "\(signedIn)")
        #expect(signedIn.contains("Health Professional Access Role"), "the second role: \(signedIn)")

        let live = try world.simulator.status()
        #expect(live.sessions.count == 1, "exactly one portal session: \(live)")
        #expect(live.sessions.first?["uid"] as? String == "555100000001", "\(live)")
        #expect(live.sessions.first?["role_profile_id"] as? String == Self.janesSecondRole, "\(live)")
        #expect(live.tickets.count == 1, "one Spine ticket while signed in: \(live)")
        #expect(live.tickets.first?["selected_role"] as? String == Self.janesSecondRole, "\(live)")

        world.scenario.removeAndExpectLock(card)
        let after = try world.scenario.expectNothingLeftBehind()
        #expect(after.endedSessions.count == 1, "\(after)")
        #expect(Self.endedByLogout(after.endedSessions.first?["reason"] as? String), "\(after)")
        #expect(after.endedSessions.first?["logout_reason"] as? String == "card_removed", "\(after)")
    }

    @Test func f10LogsOut() throws {
        let world = try PKCS11World("f10")
        defer { world.finish() }
        let card = try world.insertAndEnterPasscode(demo: "one-role")
        let signedIn = world.kiosk.wait(for: "Signed in as Nurse Amir Khan")
        #expect(signedIn.contains("Signed in as Nurse Amir Khan"), "one role is chosen for the user: \(signedIn)")
        #expect(try world.simulator.status().sessions(uid: "555100000002").count == 1)
        try world.kiosk.send("F10")
        let farewell = world.kiosk.wait(for: "Remove your smartcard")
        #expect(farewell.contains("You have logged out"), "\(farewell)")
        let after = try world.scenario.expectNothingLeftBehind()
        #expect(after.endedSessions.count == 1, "\(after)")
        #expect(Self.endedByLogout(after.endedSessions.first?["reason"] as? String), "\(after)")
        #expect(after.endedSessions.first?["logout_reason"] as? String == "user_logout", "\(after)")
        world.scenario.removeAndExpectLock(card)
    }

    // MARK: Cards refused before the passcode

    @Test func anExpiredCertificateIsRefusedBeforeAnythingReachesSpine() throws {
        let world = try PKCS11World("expired")
        defer { world.finish() }
        let card = try world.insert(demo: "expired")
        var askedForPasscode = false
        let shown = world.kiosk.tmux.wait(seconds: 30) { pane in
            askedForPasscode = askedForPasscode || pane.contains("Enter your passcode")
            return pane.contains("Remove your smartcard")
        }
        #expect(shown.contains("Your smartcard certificate has expired"), "\(shown)")
        #expect(shown.contains("Contact your Registration Authority to renew it."), "\(shown)")
        #expect(!askedForPasscode, "no passcode is asked for")
        let status = try world.scenario.expectNothingLeftBehind()
        #expect(status.endedSessions.isEmpty, "\(status)")
        #expect(!world.simulator.log.contains("GAS activation"), "nothing was sent to Spine: \(world.simulator.log)")
        world.scenario.removeAndExpectLock(card)
    }

    /// The card profile's own card (no PIV application) under the pkcs11 backend: OpenSC has
    /// no driver for it, so the module shows no token in the reader.
    @Test func aCardOpenSCDoesNotKnowIsNotSupported() throws {
        let world = try PKCS11World("not-piv")
        defer { world.finish() }
        let card = try world.scenario.insert(demo: "one-role")
        var askedForPasscode = false
        let shown = world.kiosk.tmux.wait(seconds: 30) { pane in
            askedForPasscode = askedForPasscode || pane.contains("Enter your passcode")
            return pane.contains("Remove your smartcard")
        }
        #expect(shown.contains("This card is not a supported NHS smartcard"), "\(shown)")
        #expect(shown.contains("Use your NHS smartcard."), "\(shown)")
        #expect(!askedForPasscode, "no passcode is asked for")
        world.expectKioskRunning()
        let status = try world.scenario.expectNothingLeftBehind()
        #expect(status.endedSessions.isEmpty, "\(status)")
        #expect(!world.simulator.log.contains("GAS activation"), "nothing was sent to Spine: \(world.simulator.log)")
        world.scenario.removeAndExpectLock(card)
        let piv = try world.insertAndEnterPasscode(demo: "one-role")
        let signedIn = world.kiosk.wait(for: "Signed in as Nurse Amir Khan")
        #expect(signedIn.contains("Signed in as Nurse Amir Khan"), "the same user's PIV card signs in: \(signedIn)")
        world.scenario.removeAndExpectLock(piv)
        try world.scenario.expectNothingLeftBehind(seconds: 20, "after the PIV card")
    }
}
