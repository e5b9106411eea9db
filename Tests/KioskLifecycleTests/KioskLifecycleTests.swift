import Foundation
import KioskProcessTestSupport
import Testing

/// The real kiosk (`cmc-kiosk --config FILE`) in tmux, through its whole lifecycle, against real
/// separate processes: pcscd with the second vsmartcard reader, a `cmc-vcard` card, and `cmc-sim`
/// (GAS and portal) over TLS. Every test checks the screens and what the simulator holds.
@Suite("cmc-kiosk lifecycle end to end", .serialized)
struct KioskLifecycleTests {
    /// Dr Jane Smith's second role (several-roles.json).
    static let janesSecondRole = "555200010002"

    /// Whether a portal session's end `reason` is the kiosk's logout. The kiosk sends the portal's
    /// DELETE and GAS's logout at once; whichever the simulator handles first names the end
    /// (`logout`, or `spine_logout`), and the DELETE's `logout_reason` is recorded either way.
    static func endedByLogout(_ reason: String?) -> Bool { reason == "logout" || reason == "spine_logout" }

    // MARK: Signing in and out

    @Test func severalRolesChooseOneThenRemovalLocksAndEndsEverything() throws {
        let world = try Scenario("happy")
        defer { world.finish() }
        let card = try world.insertAndEnterPasscode(demo: "several-roles")
        let roles = world.kiosk.wait(for: "Select your role")
        #expect(roles.contains("Select your role"), "\(roles)")
        #expect(roles.contains("Health Professional Access Role"), "the roles are listed: \(roles)")
        try world.kiosk.send("Down", "Enter")
        let signedIn = world.kiosk.wait(for: "Signed in as Dr Jane Smith")
        #expect(signedIn.contains("Signed in as Dr Jane Smith"), "\(signedIn)")
        #expect(signedIn.contains("Health Professional Access Role"), "the second role: \(signedIn)")

        let live = try world.simulator.status()
        #expect(live.sessions.count == 1, "exactly one portal session: \(live)")
        #expect(live.sessions.first?["uid"] as? String == "555100000001")
        #expect(live.sessions.first?["role_profile_id"] as? String == Self.janesSecondRole, "\(live)")
        #expect(live.sessions.first?["device_id"] as? String == "lifecycle-kiosk")
        #expect(live.tickets.count == 1, "one Spine ticket while signed in: \(live)")
        #expect(live.tickets.first?["selected_role"] as? String == Self.janesSecondRole)

        world.removeAndExpectLock(card)
        let after = try world.expectNothingLeftBehind()
        let ended = after.endedSessions
        #expect(ended.count == 1, "\(after)")
        #expect(Self.endedByLogout(ended.first?["reason"] as? String))
        #expect(ended.first?["logout_reason"] as? String == "card_removed", "\(after)")
    }

    @Test func aSingleRoleSignsInWithoutTheRoleScreen() throws {
        let world = try Scenario("one-role")
        defer { world.finish() }
        let card = try world.insertAndEnterPasscode(demo: "one-role")
        var sawRoleScreen = false
        let signedIn = world.kiosk.tmux.wait(seconds: 30) { pane in
            if pane.contains("Select your role") { sawRoleScreen = true }
            return pane.contains("Signed in as Nurse Amir Khan")
        }
        #expect(signedIn.contains("Signed in as Nurse Amir Khan"), "\(signedIn)")
        #expect(signedIn.contains("Nurse Access Role"), "\(signedIn)")
        #expect(!sawRoleScreen, "one role is chosen for the user")
        let live = try world.simulator.status()
        #expect(live.sessions.count == 1, "\(live)")
        #expect(live.sessions.first?["role_profile_id"] as? String == "555200020001")
        world.removeAndExpectLock(card)
        try world.expectNothingLeftBehind()
    }

    @Test func f10LogsOutAndAsksForTheCard() throws {
        let world = try Scenario("f10")
        defer { world.finish() }
        let card = try world.insertAndEnterPasscode(demo: "one-role")
        #expect(world.kiosk.wait(for: "Signed in as Nurse Amir Khan").contains("Signed in as Nurse Amir Khan"))
        try world.kiosk.send("F10")
        let farewell = world.kiosk.wait(for: "Remove your smartcard")
        #expect(farewell.contains("Remove your smartcard"), "\(farewell)")
        #expect(farewell.contains("You have logged out"), "\(farewell)")
        let after = try world.expectNothingLeftBehind()
        #expect(after.endedSessions.count == 1, "\(after)")
        #expect(Self.endedByLogout(after.endedSessions.first?["reason"] as? String))
        #expect(after.endedSessions.first?["logout_reason"] as? String == "user_logout", "\(after)")
        world.removeAndExpectLock(card)
    }

    // MARK: The passcode

    @Test func wrongPasscodesShowTheTriesLeftThenTheCardLocks() throws {
        let world = try Scenario("passcode")
        defer { world.finish() }
        // A fresh cmc-vcard process: its card starts with three tries.
        try world.insert(demo: "several-roles")
        try world.enterPasscode("000000")
        let first = world.kiosk.wait(for: "2 tries left")
        #expect(first.contains("That passcode is not right"), "\(first)")
        #expect(first.contains("2 tries left before your card locks"), "\(first)")
        #expect(first.contains("Enter your passcode"), "asked again: \(first)")
        try world.kiosk.type("000000")
        try world.kiosk.send("Enter")
        let second = world.kiosk.wait(for: "1 try left")
        #expect(second.contains("1 try left before your card locks"), "\(second)")
        try world.kiosk.type("000000")
        try world.kiosk.send("Enter")
        let locked = world.kiosk.wait(for: "Your smartcard is locked")
        #expect(locked.contains("Your smartcard is locked"), "\(locked)")
        #expect(locked.contains("digital.nhs.uk/unlock"), "\(locked)")
        #expect(locked.contains("Remove your smartcard"), "\(locked)")
        let status = try world.expectNothingLeftBehind()
        #expect(status.endedSessions.isEmpty, "Spine and the portal were never reached: \(status)")
        let audit = world.auditText()
        #expect(audit.components(separatedBy: "\"passcode_rejected\"").count - 1 == 2, "\(audit)")
        #expect(audit.contains("\"passcode_blocked\""), "\(audit)")
    }

    // MARK: Registration and roles

    @Test func anUnregisteredUIDIsToldHowToRegister() throws {
        let world = try Scenario("unregistered")
        defer { world.finish() }
        try world.insertAndEnterPasscode(demo: "unregistered")
        let shown = world.kiosk.wait(for: "not registered with Coordinate My Care")
        #expect(shown.contains("Your smartcard is not registered with Coordinate My Care"), "\(shown)")
        #expect(shown.contains("555100000005"), "the UID to quote: \(shown)")
        #expect(shown.contains("coordinatemycare@nhs.net"), "\(shown)")
        #expect(shown.contains("020 7811 8513"), "\(shown)")
        #expect(world.kiosk.wait(for: "Remove your smartcard").contains("Remove your smartcard"))
        let status = try world.expectNothingLeftBehind(seconds: 20, "after the refusal: the ticket is logged out")
        #expect(status.endedSessions.isEmpty, "no session was opened: \(status)")
    }

    @Test func aUserWithoutACMCRoleIsSentToTheHelpdesk() throws {
        let world = try Scenario("no-cmc-role")
        defer { world.finish() }
        try world.insertAndEnterPasscode(demo: "no-cmc-role")
        let shown = world.kiosk.wait(for: "You have no Coordinate My Care role")
        #expect(shown.contains("You have no Coordinate My Care role"), "\(shown)")
        #expect(shown.contains("coordinatemycare@nhs.net"), "\(shown)")
        #expect(shown.contains("Remove your smartcard"), "\(shown)")
        let status = try world.expectNothingLeftBehind()
        #expect(status.endedSessions.isEmpty, "\(status)")
    }

    @Test func aUserWithNoSpineRolesIsToldSo() throws {
        let world = try Scenario("zero-roles")
        defer { world.finish() }
        try world.insertAndEnterPasscode(demo: "zero-roles")
        let shown = world.kiosk.wait(for: "You have no roles on NHS Spine")
        #expect(shown.contains("You have no roles on NHS Spine"), "\(shown)")
        #expect(shown.contains("Remove your smartcard"), "\(shown)")
        let status = try world.expectNothingLeftBehind(seconds: 20, "the roleless ticket is logged out")
        #expect(status.endedSessions.isEmpty, "\(status)")
    }

    // MARK: Removal at every step

    @Test func removalDuringPasscodeEntryLeavesNothing() throws {
        let world = try Scenario("remove-passcode")
        defer { world.finish() }
        let card = try world.insert(demo: "several-roles")
        #expect(world.kiosk.wait(for: "Enter your passcode").contains("Enter your passcode"))
        try world.kiosk.type("123")
        world.removeAndExpectLock(card)
        let status = try world.expectNothingLeftBehind()
        #expect(status.endedSessions.isEmpty, "\(status)")
        #expect(world.auditText().contains("\"card_removed\""), "the removal is audited")
    }

    @Test func removalDuringSpineAuthenticationLeavesNothing() throws {
        let world = try Scenario("remove-spine")
        defer { world.finish() }
        try world.simulator.addFault(#"{"path_prefix":"/login/authvalidate","latency_ms":3000}"#)
        let card = try world.insertAndEnterPasscode(demo: "several-roles")
        let waiting = world.kiosk.wait(for: "Contacting NHS Spine")
        #expect(waiting.contains("Contacting NHS Spine"), "\(waiting)")
        // Out only once the signed challenge is held up at the server.
        let log = world.simulator.waitForLog(containing: "path=/login/authvalidate")
        #expect(log.contains("injecting fault"), "the validation reached the simulator and is delayed: \(log)")
        #expect(world.kiosk.capture().contains("Contacting NHS Spine"))
        world.removeAndExpectLock(card)
        // Past the injected latency: whatever the server finished after the removal is gone too.
        Thread.sleep(forTimeInterval: 4)
        // GAS had the validation before the card came out: the ticket it issued is logged out.
        let status = try world.expectNothingLeftBehind(seconds: 20, "after removal during Spine authentication")
        #expect(status.endedSessions.isEmpty, "\(status)")
        let after = world.simulator.waitForLog(containing: "GAS logout", seconds: 5)
        #expect(after.contains("GAS validation succeeded") && after.contains("GAS logout"), "\(after)")
    }

    @Test func removalDuringRoleChoiceLeavesNothing() throws {
        let world = try Scenario("remove-roles")
        defer { world.finish() }
        let card = try world.insertAndEnterPasscode(demo: "several-roles")
        #expect(world.kiosk.wait(for: "Select your role").contains("Select your role"))
        let choosing = try world.simulator.status()
        #expect(choosing.tickets.count == 1, "Spine holds the ticket while the role is chosen: \(choosing)")
        world.removeAndExpectLock(card)
        let status = try world.expectNothingLeftBehind(seconds: 20, "after removal during the role choice")
        #expect(status.endedSessions.isEmpty, "\(status)")
    }

    @Test func removalWhileThePortalSessionOpensLeavesNothing() throws {
        let world = try Scenario("remove-open")
        defer { world.finish() }
        try world.simulator.addFault(#"{"path_prefix":"/api/smartcard/sessions","method":"POST","latency_ms":3000}"#)
        let card = try world.insertAndEnterPasscode(demo: "several-roles")
        #expect(world.kiosk.wait(for: "Select your role").contains("Select your role"))
        try world.kiosk.send("Enter")
        let opening = world.kiosk.wait(for: "Opening your Coordinate My Care session")
        #expect(opening.contains("Opening your Coordinate My Care session"), "\(opening)")
        let log = world.simulator.waitForLog(containing: "path=/api/smartcard/sessions")
        #expect(log.contains("injecting fault"), "the open reached the simulator and is delayed: \(log)")
        world.removeAndExpectLock(card)
        Thread.sleep(forTimeInterval: 4)
        let status = try world.expectNothingLeftBehind(seconds: 20, "after removal while the session opened")
        for ended in status.endedSessions {
            #expect(ended["logout_reason"] as? String == "card_removed", "\(status)")
        }
    }

    // MARK: Timeouts and the portal's end

    @Test func theIdleWarningStaySignedInThenTheIdleTimeout() throws {
        let world = try Scenario("idle", simulatorOptions: ["--idle-timeout", "8", "--warning", "5", "--lease", "30"])
        defer { world.finish() }
        let card = try world.insertAndEnterPasscode(demo: "one-role")
        #expect(world.kiosk.wait(for: "Signed in as Nurse Amir Khan").contains("Signed in as Nurse Amir Khan"))
        let warning = world.kiosk.wait(for: "You are about to be logged out", seconds: 15)
        #expect(warning.contains("You are about to be logged out"), "\(warning)")
        #expect(warning.contains("to stay signed in"), "\(warning)")
        let before = try world.simulator.status()
        let activityBefore = before.sessions.first?["last_activity"] as? String
        try world.kiosk.send("Enter")
        let cleared = world.kiosk.tmux.wait(seconds: 10) { !$0.contains("You are about to be logged out") }
        #expect(!cleared.contains("You are about to be logged out"), "stay signed in clears the warning: \(cleared)")
        #expect(cleared.contains("Signed in as Nurse Amir Khan"), "\(cleared)")
        let kept = try world.simulator.waitForStatus(seconds: 10) {
            ($0.sessions.first?["last_activity"] as? String).map { $0 != activityBefore } ?? false
        }
        #expect(kept.sessions.count == 1, "still signed in: \(kept)")
        #expect(kept.sessions.first?["last_activity"] as? String != activityBefore, "the keep-alive reached the portal: \(kept)")

        // No more keys: the warning returns, then the session ends.
        let ended = world.kiosk.wait(for: "Remove your smartcard", seconds: 30)
        #expect(ended.contains("Remove your smartcard"), "\(ended)")
        #expect(ended.contains("You have been logged out"), "\(ended)")
        #expect(ended.contains("The session was idle for too long"), "\(ended)")
        let after = try world.expectNothingLeftBehind()
        #expect(after.endedSessions.count == 1, "\(after)")
        let record = after.endedSessions.first ?? [:]
        // Which side won, for whoever reads the logs.
        _ = try? world.workspace.write("idle-ending.json", after.text)
        // Both sides time the same 8 s from the same keep-alive, each to the second: the kiosk
        // on its one-second tick (from the portal's whole idle_remaining_seconds, rounded down),
        // the simulator on its one-second sweep. Whichever ends the session first, the kiosk's
        // logout says why: a DELETE to a live session ends it as `logout`, and one to a session
        // that the sweep has just ended adds the kiosk's reason to it. (Seen so far: the sweep
        // first, `idle_timeout` with logout_reason `idle_timeout`.) The screen is the same.
        #expect(["logout", "idle_timeout"].contains(record["reason"] as? String), "\(after)")
        #expect(record["logout_reason"] as? String == "idle_timeout", "the kiosk logged out for idleness: \(after)")
        world.removeAndExpectLock(card)
    }

    @Test(arguments: [
        ("replaced", "You signed in somewhere else"),
        ("absolute_timeout", "The session reached its maximum length"),
    ])
    func aSessionEndedByThePortalIsShownWithinALeaseThird(reason: String, explanation: String) throws {
        let world = try Scenario("portal-end-\(reason)", simulatorOptions: ["--lease", "6"])
        defer { world.finish() }
        let card = try world.insertAndEnterPasscode(demo: "one-role")
        #expect(world.kiosk.wait(for: "Signed in as Nurse Amir Khan").contains("Signed in as Nurse Amir Khan"))
        let answer = try world.simulator.endSession(uid: "555100000002", reason: reason)
        #expect(answer.contains("true"), "the simulator ended the session: \(answer)")
        let started = Date()
        // lease / 3 = 2 s between status checks, and a margin for a busy machine.
        let shown = world.kiosk.wait(for: explanation, seconds: 2 + 6)
        #expect(shown.contains(explanation), "\(shown)")
        #expect(shown.contains("You have been logged out"), "\(shown)")
        #expect(shown.contains("Remove your smartcard"), "\(shown)")
        #expect(Date().timeIntervalSince(started) < 8)
        let after = try world.expectNothingLeftBehind(seconds: 20, "the ticket is logged out too")
        #expect(after.endedSessions.first?["reason"] as? String == reason, "\(after)")
        #expect(after.endedSessions.count == 1, "\(after)")
        #expect(after.endedSessions.first?["logout_reason"] == nil, "no logout is sent for a session the portal ended")
        world.removeAndExpectLock(card)
    }

    // MARK: Secrets

    /// The simulator's status shows the start (16 characters) of the SSO ticket and of the
    /// portal's session cookie; neither start, nor the passcode, may be in any file the kiosk
    /// wrote: its audit file, its standard error, anything under its HOME and TMPDIR.
    @Test func neitherThePasscodeNorTheTicketNorTheCookieReachesAnyFileTheKioskWrote() throws {
        let world = try Scenario("secrets")
        defer { world.finish() }
        let passcode = "Qx7Zk9"
        var persona = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(filePath: Package.persona("several-roles")))) as! [String: Any]
        persona["pin"] = passcode
        let personaPath = world.workspace.file("qx7-several-roles.json")
        try JSONSerialization.data(withJSONObject: persona).write(to: URL(filePath: personaPath))
        let card = try world.insert(persona: personaPath)
        try world.enterPasscode(passcode)
        #expect(world.kiosk.wait(for: "Select your role").contains("Select your role"))
        try world.kiosk.send("Enter")
        #expect(world.kiosk.wait(for: "Signed in as Dr Jane Smith").contains("Signed in as Dr Jane Smith"))
        let live = try world.simulator.status()
        let shortened = try #require(live.tickets.first?["ticket"] as? String, "\(live)")
        let ticketPrefix = String(shortened.prefix { $0 != "…" })
        #expect(ticketPrefix.count >= 12, "the status shows the ticket's start: \(shortened)")
        let cookie = try #require(live.sessions.first?["cookie"] as? String, "\(live)")
        let cookiePrefix = String(cookie.prefix { $0 != "…" })
        #expect(cookiePrefix.count >= 12, "the status shows the cookie's start: \(cookie)")
        try world.kiosk.send("F10")
        #expect(world.kiosk.wait(for: "Remove your smartcard").contains("Remove your smartcard"))
        world.removeAndExpectLock(card)
        try world.expectNothingLeftBehind()
        world.kiosk.kill()

        let files = world.kiosk.writtenFiles()
        #expect(files.contains(world.kiosk.auditPath))
        let audit = world.auditText()
        #expect(audit.contains("\"portal_session_opened\""), "the audit file was written: \(audit)")
        for path in files {
            let data = (try? Data(contentsOf: URL(filePath: path))) ?? Data()
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(passcode), "the passcode is in \(path)")
            #expect(!text.contains(ticketPrefix), "the SSO ticket is in \(path)")
            #expect(!text.contains(cookiePrefix), "the session cookie is in \(path)")
        }
        let stderr = (try? String(contentsOfFile: world.workspace.file("kiosk.err"), encoding: .utf8)) ?? ""
        #expect(!stderr.contains(passcode) && !stderr.contains(ticketPrefix) && !stderr.contains(cookiePrefix),
                "nor on its standard error")
    }
}
