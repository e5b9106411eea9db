import Foundation
import KioskProcessTestSupport
import Testing

extension KioskLifecycleTests {
    static let portalCurrent = "/api/smartcard/sessions/current"
    static let gasLogout = "/login/authlogout"

    // MARK: The network failing

    /// The portal's `DELETE` and GAS's logout fail (connections dropped) when the card comes out:
    /// the terminal locks at once, the next card signs in meanwhile, and once the servers answer
    /// again the background retries end the first session and ticket.
    @Test func aFailedLogoutIsRetriedInTheBackgroundWhileTheNextCardSignsIn() throws {
        // A lease far longer than the test, so that only the kiosk's logout can end Amir's session.
        let world = try Scenario("logout-retry", simulatorOptions: ["--lease", "600"])
        defer { world.finish() }
        let (amir, jane) = ("555100000002", "555100000001")
        let first = try world.insertAndEnterPasscode(demo: "one-role")
        #expect(world.kiosk.wait(for: "Signed in as Nurse Amir Khan").contains("Signed in as Nurse Amir Khan"))
        let amirsSession = try world.simulator.status().sessions(uid: amir).first?["session_id"] as? String
        try #require(amirsSession != nil)

        try world.simulator.dropConnections(to: [(Self.portalCurrent, "DELETE"), (Self.gasLogout, nil)])
        let removed = Date()
        let locked = world.removeAndExpectLock(first)
        #expect(locked.contains("Insert your NHS smartcard"), "\(locked)")
        // The removal takes 1 s of VirtualCard.remove; the lock does not wait for the network.
        #expect(Date().timeIntervalSince(removed) < 10, "locked at once")
        #expect(world.simulator.waitForInjections(path: Self.portalCurrent, count: 1), "the portal logout was tried: \(world.simulator.log)")
        #expect(world.simulator.waitForInjections(path: Self.gasLogout, count: 1), "the GAS logout was tried")
        let failing = try world.simulator.status()
        #expect(failing.sessions(uid: amir).count == 1, "the logout failed, the session is still live: \(failing)")
        #expect(failing.tickets(uid: amir).count == 1, "and the ticket: \(failing)")

        // The next card, while the logouts still fail.
        let second = try world.insert(demo: "several-roles")
        let asked = world.kiosk.wait(for: "Enter your passcode")
        #expect(asked.contains("Enter your passcode"), "the next card is read at once: \(asked)")
        try world.enterPasscode("123456")
        #expect(world.kiosk.wait(for: "Select your role").contains("Select your role"))
        try world.kiosk.send("Enter")
        let janeSignedIn = world.kiosk.wait(for: "Signed in as Dr Jane Smith")
        #expect(janeSignedIn.contains("Signed in as Dr Jane Smith"), "\(janeSignedIn)")
        // Retried in the background, after 1 s, then 2 s, 4 s, …: libcurl may send a request
        // twice (once more on a fresh connection when a reused one drops), so a third dropped
        // request on each path is a try of the kiosk's own after the first.
        for path in [Self.portalCurrent, Self.gasLogout] {
            #expect(world.simulator.waitForInjections(path: path, count: 3, seconds: 30),
                    "the logout to \(path) was retried: \(world.simulator.injections(path: path)) dropped")
        }
        let meanwhile = try world.simulator.status()
        #expect(meanwhile.sessions(uid: amir).count == 1, "Amir's logout still fails: \(meanwhile)")
        #expect(meanwhile.sessions(uid: jane).count == 1, "Jane is signed in meanwhile: \(meanwhile)")

        try world.simulator.clearFaults()
        let cleared = Date()
        // Pauses double from 1 s to at most 30 s, and each try is bounded by 10 s: the next try
        // comes within about 16 s of the faults clearing here; 60 s for a busy machine.
        let after = try world.simulator.waitForStatus(seconds: 60) {
            $0.sessions(uid: amir).isEmpty && $0.tickets(uid: amir).isEmpty
        }
        #expect(after.sessions(uid: amir).isEmpty, "the retry ended Amir's session: \(after)")
        #expect(after.tickets(uid: amir).isEmpty, "and logged his ticket out: \(after)")
        let ended = after.endedSessions(uid: amir)
        #expect(ended.count == 1, "\(after)")
        #expect(ended.first?["session_id"] as? String == amirsSession)
        // The retry sends the portal's DELETE and GAS's logout at once, and a GAS logout ends the
        // portal session too (`spine_logout`): whichever lands first ends it, and the DELETE, with
        // the session's cookie, records why. Not the lease, and not without the kiosk's reason.
        #expect(["logout", "spine_logout"].contains(ended.first?["reason"] as? String), "\(after)")
        #expect(ended.first?["logout_reason"] as? String == "card_removed", "the DELETE reached Amir's session: \(after)")
        _ = try? world.workspace.write("retry-timing.txt", "cleared → logged out: \(Date().timeIntervalSince(cleared)) s\n")
        // Jane's session is hers alone: the retries did not touch it.
        #expect(after.sessions(uid: jane).count == 1, "\(after)")
        #expect(after.tickets(uid: jane).count == 1, "\(after)")
        #expect(world.kiosk.capture().contains("Signed in as Dr Jane Smith"))

        world.removeAndExpectLock(second)
        let end = try world.expectNothingLeftBehind()
        #expect(end.endedSessions(uid: jane).first?["logout_reason"] as? String == "card_removed", "\(end)")
    }

    /// The portal unreachable while signed in (status checks dropped): a notice, not a logout;
    /// it goes once the portal answers again.
    @Test func losingThePortalWhileSignedInIsShownAndKeepsTheSession() throws {
        // lease / 3 = 10 s between status checks; the lease outlasts a missed check with room.
        let world = try Scenario("portal-unreachable", simulatorOptions: ["--lease", "30"])
        defer { world.finish() }
        let notice = "Coordinate My Care cannot be reached just now."
        let card = try world.insertAndEnterPasscode(demo: "one-role")
        let signedIn = world.kiosk.wait(for: "Signed in as Nurse Amir Khan")
        #expect(signedIn.contains("Signed in as Nurse Amir Khan"), "\(signedIn)")
        #expect(!signedIn.contains(notice), "\(signedIn)")
        let session = try world.simulator.status().sessions.first?["session_id"] as? String
        try #require(session != nil)

        try world.simulator.dropConnections(to: [(Self.portalCurrent, "GET")])
        let shown = world.kiosk.wait(for: notice, seconds: 10 + 15)
        #expect(shown.contains(notice), "\(shown)")
        #expect(shown.contains("Signed in as Nurse Amir Khan"), "still signed in: \(shown)")
        #expect(!shown.contains("Remove your smartcard") && !shown.contains("You have been logged out"), "\(shown)")
        #expect(world.simulator.injections(path: Self.portalCurrent) >= 1, "the status check was dropped")
        let during = try world.simulator.status()
        #expect(during.sessions.first?["session_id"] as? String == session, "the session lives on: \(during)")
        #expect(during.endedSessions.isEmpty, "\(during)")

        try world.simulator.clearFaults()
        let back = world.kiosk.tmux.wait(seconds: 10 + 15) { !$0.contains(notice) }
        #expect(!back.contains(notice), "the notice goes once the portal answers: \(back)")
        #expect(back.contains("Signed in as Nurse Amir Khan"), "\(back)")
        let after = try world.simulator.status()
        #expect(after.sessions.count == 1, "\(after)")
        #expect(after.sessions.first?["session_id"] as? String == session, "the same session: \(after)")
        #expect(after.endedSessions.isEmpty, "nothing ended: \(after)")
        #expect(after.tickets.count == 1, "\(after)")

        world.removeAndExpectLock(card)
        let end = try world.expectNothingLeftBehind()
        #expect(end.endedSessions.first?["logout_reason"] as? String == "card_removed", "\(end)")
    }
}
