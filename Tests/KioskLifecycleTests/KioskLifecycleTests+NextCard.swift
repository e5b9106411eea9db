import Foundation
import KioskProcessTestSupport
import Testing

extension KioskLifecycleTests {
    // MARK: The next card

    @Test func aDifferentCardAfterARemovalIsANewIndependentLogin() throws {
        let world = try Scenario("next-card")
        defer { world.finish() }
        let (amir, jane) = ("555100000002", "555100000001")
        let first = try world.insertAndEnterPasscode(demo: "one-role")
        #expect(world.kiosk.wait(for: "Signed in as Nurse Amir Khan").contains("Signed in as Nurse Amir Khan"))
        let before = try world.simulator.status()
        #expect(before.sessions(uid: amir).count == 1, "\(before)")
        let amirsSession = before.sessions.first?["session_id"] as? String
        world.removeAndExpectLock(first)
        let between = try world.expectNothingLeftBehind(seconds: 20, "after the first card")
        #expect(between.endedSessions(uid: amir).count == 1, "\(between)")

        let second = try world.insertAndEnterPasscode(demo: "several-roles")
        let roles = world.kiosk.wait(for: "Select your role")
        #expect(roles.contains("Select your role"), "\(roles)")
        #expect(!roles.contains("Amir Khan"), "nothing of the first user is shown: \(roles)")
        try world.kiosk.send("Enter")
        let signedIn = world.kiosk.wait(for: "Signed in as Dr Jane Smith")
        #expect(signedIn.contains("Signed in as Dr Jane Smith"), "\(signedIn)")
        #expect(!signedIn.contains("Amir Khan"), "\(signedIn)")
        #expect(!signedIn.contains("Your session elsewhere was closed"), "it replaced nothing: \(signedIn)")

        let live = try world.simulator.status()
        #expect(live.sessions.count == 1, "exactly one live session: \(live)")
        #expect(live.sessions.first?["uid"] as? String == jane, "\(live)")
        #expect(live.sessions.first?["session_id"] as? String != amirsSession, "a new session: \(live)")
        #expect(live.tickets.count == 1, "one Spine ticket: \(live)")
        #expect(live.tickets.first?["uid"] as? String == jane, "\(live)")
        let amirsEnd = live.endedSessions(uid: amir)
        #expect(amirsEnd.count == 1, "\(live)")
        #expect(amirsEnd.first?["session_id"] as? String == amirsSession)
        #expect(Self.endedByLogout(amirsEnd.first?["reason"] as? String), "\(live)")
        #expect(amirsEnd.first?["logout_reason"] as? String == "card_removed", "\(live)")
        #expect(live.endedSessions(uid: jane).isEmpty, "\(live)")

        world.removeAndExpectLock(second)
        let after = try world.expectNothingLeftBehind()
        #expect(after.endedSessions(uid: jane).first?["logout_reason"] as? String == "card_removed", "\(after)")
        #expect(after.endedSessions.count == 2, "\(after)")
    }
}
