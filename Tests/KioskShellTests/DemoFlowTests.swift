import Foundation
import KioskCore
import KioskShell
import Simulator
import Testing

/// The whole sign-in through the shell, the real libcurl client and the simulator, with the
/// demo reader's virtual cards: everything of `--demo` but the terminal.
@Suite("The shell's sign-in against the simulator")
struct DemoFlowTests {
    @Test func severalRolesSignInWithTheSecondAndRemovalLeavesNothing() async throws {
        let kiosk = try await ShellHarness()
        defer { Task { await kiosk.stop() } }
        try kiosk.insert("several-roles")
        #expect(await kiosk.waitForPhase { if case .passcodeEntry = $0 { true } else { false } } != nil)
        kiosk.type("123456")
        let listed = await kiosk.waitForPhase { if case .choosingRole = $0 { true } else { false } }
        guard case .choosingRole(let choice) = listed else {
            Issue.record("no role list: \(await kiosk.state.phase)")
            return
        }
        #expect(choice.roles.count == 3)
        kiosk.runtime.send(.input(.down))
        kiosk.runtime.send(.input(.submit))
        let signedIn = await kiosk.waitForPhase { if case .signedIn = $0 { true } else { false } }
        guard case .signedIn(let session) = signedIn else {
            Issue.record("not signed in: \(await kiosk.state.phase)")
            return
        }
        #expect(session.session.displayName == "Dr Jane Smith")
        #expect(session.session.role == choice.roles[1])
        let sessions = try await kiosk.liveSessions()
        #expect(sessions.count == 1)
        #expect(sessions.first?["role_profile_id"] as? String == choice.roles[1].id)

        kiosk.remove()
        let state = await kiosk.state
        #expect(state.phase == .locked || state.cardReader == nil)
        #expect(try await kiosk.waitForSimulator { try await kiosk.leftNothingBehind() },
                "the portal session and the Spine ticket are gone")
        let ended = (try await kiosk.status()["portal"] as? [String: Any])?["ended_sessions"] as? [[String: Any]]
        #expect(ended?.last?["logout_reason"] as? String == "card_removed")

        // The teardown is audited once its logouts have answered, a moment after the simulator saw them.
        #expect(try await kiosk.waitForSimulator { try kiosk.auditedEvents().last?["event"] as? String == "teardown_complete" })
        let audit = try kiosk.auditedEvents()
        #expect(audit.compactMap { $0["event"] as? String } == [
            "card_inserted", "passcode_accepted", "spine_authenticated", "role_chosen", "portal_session_opened",
            "card_removed", "teardown_complete",
        ])
        #expect(audit.allSatisfy { $0["device_id"] as? String == "test-kiosk" && $0["ts_ms"] is Int })
        #expect(audit.first?["atr"] as? String == VirtualCard.atr.map { String(format: "%02X", $0) }.joined())
        #expect(audit.first { $0["event"] as? String == "role_chosen" }?["role_id"] as? String == choice.roles[1].id)
        let teardown = try #require(audit.last)
        #expect(teardown["reason"] as? String == "card_removed")
        #expect(teardown["logouts_retrying"] as? Int == 0)
        #expect((teardown["latency_ms"] as? Int).map { (0..<5_000).contains($0) } == true, "\(teardown)")
    }

    @Test func oneRoleIsChosenWithoutAList() async throws {
        let kiosk = try await ShellHarness()
        defer { Task { await kiosk.stop() } }
        try kiosk.insert("one-role")
        #expect(await kiosk.waitForPhase { if case .passcodeEntry = $0 { true } else { false } } != nil)
        kiosk.type("123456")
        let reached = await kiosk.waitForPhase {
            switch $0 {
            case .signedIn, .removeCard, .choosingRole: true
            default: false
            }
        }
        guard case .signedIn(let signedIn) = reached else {
            Issue.record("expected signed in, got \(String(describing: reached))")
            return
        }
        #expect(signedIn.session.displayName == "Nurse Amir Khan")
        kiosk.remove()
    }

    @Test("failures end on Remove your smartcard with their message", arguments: [
        ("unregistered", "Your smartcard is not registered with Coordinate My Care"),
        ("no-cmc-role", "You have no Coordinate My Care role"),
        ("zero-roles", "You have no roles on NHS Spine"),
        ("expired", "Your smartcard certificate has expired"),
        ("blocked", "Your smartcard is locked"),
    ])
    func failuresEndOnRemoveYourSmartcard(persona: String, headline: String) async throws {
        let kiosk = try await ShellHarness()
        defer { Task { await kiosk.stop() } }
        try kiosk.insert(persona)
        if await kiosk.waitForPhase(timeout: .seconds(3), { if case .passcodeEntry = $0 { true } else { false } }) != nil {
            kiosk.type("123456")
        }
        let ended = await kiosk.waitForPhase { if case .removeCard = $0 { true } else { false } }
        guard case .removeCard(let notice) = ended else {
            Issue.record("expected Remove your smartcard, got \(await kiosk.state.phase)")
            return
        }
        #expect(notice.headline == headline)
        if persona == "unregistered" {
            #expect(notice.lines.joined().contains("555100000005"))
            #expect(notice.lines.joined().contains("coordinatemycare@nhs.net"))
        }
        #expect(try await kiosk.waitForSimulator { try await kiosk.leftNothingBehind() },
                "a failed attempt leaves no ticket behind")
        kiosk.remove()
    }
}
