import Foundation
import KioskProcessTestSupport
import Testing

/// Where in the sign-in flow pcscd goes away.
enum FlowStep: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case passcodeEntry, spineAuthentication, roleChoice, portalOpening, signedIn

    var testDescription: String { rawValue }
}

extension ServiceFaultTests {
    /// pcscd killed at `step`: "Card service unavailable" at once, the attempt or session torn down
    /// at the simulator (fail closed: nobody can vouch for the card), and when pcscd returns the
    /// lock screen by itself, and a new card signs in, with the same kiosk process.
    @Test(arguments: FlowStep.allCases)
    func pcscdKilledThenRestarted(at step: FlowStep) async throws {
        let world = try await ServiceWorld("pcscd-\(step.rawValue)")
        defer { world.finish() }
        let held = try await reach(step, in: world)

        try await world.killPCSCD()
        let unavailable = world.kiosk.wait(for: "Card service unavailable", seconds: 10)
        #expect(unavailable.contains("Card service unavailable"), "\(unavailable)")
        #expect(unavailable.contains("smartcard service is not answering"), "\(unavailable)")
        for earlier in ["Enter your passcode", "Contacting NHS Spine", "Select your role", "Opening your", "Signed in as"] {
            #expect(!unavailable.contains(earlier), "the \(step) screen is gone: \(unavailable)")
        }
        // Past any latency holding a request at the simulator: what it finished late is gone too.
        if held { try await Task.sleep(for: .seconds(3)) }
        let after = try world.scenario.expectNothingLeftBehind(seconds: 20, "after pcscd went at \(step)")
        if step == .signedIn {
            #expect(after.endedSessions.first?["logout_reason"] as? String == "card_removed", "\(after)")
        }
        #expect(world.kiosk.capture().contains("Card service unavailable"), "still unavailable while pcscd is gone")

        try await world.startPCSCD()
        let locked = world.kiosk.wait(for: "Insert your NHS smartcard", seconds: 15)
        #expect(locked.contains("Insert your NHS smartcard"), "the kiosk recovers by itself: \(locked)")
        #expect(!locked.contains("Card service unavailable"), "\(locked)")
        try await world.signInAndOutAgain()
        world.expectKioskRunning()
    }

    /// Takes the kiosk to `step` with Dr Jane Smith's card (several roles; Nurse Amir Khan's, one
    /// role, to be signed in), holding it there with a latency fault where it waits on the
    /// simulator; whether a request is being held.
    private func reach(_ step: FlowStep, in world: ServiceWorld) async throws -> Bool {
        switch step {
        case .spineAuthentication:
            try world.simulator.addFault(#"{"path_prefix":"\#(Self.gasValidate)","latency_ms":3000,"times":1}"#)
        case .portalOpening:
            try world.simulator.addFault(
                #"{"path_prefix":"\#(Self.portalSessions)","method":"POST","latency_ms":3000,"times":1}"#)
        default:
            break
        }
        try await world.insert(demo: step == .signedIn ? "one-role" : "several-roles")
        let asked = world.kiosk.wait(for: "Enter your passcode")
        try #require(asked.contains("Enter your passcode"), "\(asked)")
        switch step {
        case .passcodeEntry:
            try world.kiosk.type("123")
            return false
        case .spineAuthentication:
            try submitPasscode(in: world)
            try #require(world.kiosk.wait(for: "Contacting NHS Spine").contains("Contacting NHS Spine"))
            let log = world.simulator.waitForLog(containing: "path=\(Self.gasValidate)")
            try #require(log.contains("injecting fault"), "the validation is held at the simulator: \(log)")
            return true
        case .roleChoice:
            try submitPasscode(in: world)
            try #require(world.kiosk.wait(for: "Select your role").contains("Select your role"))
            #expect(try world.simulator.status().tickets.count == 1, "Spine holds a ticket while the role is chosen")
            return false
        case .portalOpening:
            try submitPasscode(in: world)
            try #require(world.kiosk.wait(for: "Select your role").contains("Select your role"))
            try world.kiosk.send("Enter")
            try #require(world.kiosk.wait(for: "Opening your Coordinate My Care session").contains("Opening your"))
            let log = world.simulator.waitForLog(containing: "path=\(Self.portalSessions)")
            try #require(log.contains("injecting fault"), "the open is held at the simulator: \(log)")
            return true
        case .signedIn:
            try submitPasscode(in: world)
            try #require(world.kiosk.wait(for: "Signed in as Nurse Amir Khan").contains("Signed in as Nurse Amir Khan"))
            let live = try world.simulator.status()
            #expect(live.sessions.count == 1 && live.tickets.count == 1, "signed in at the simulator: \(live)")
            return false
        }
    }

    private func submitPasscode(in world: ServiceWorld) throws {
        try world.kiosk.type("123456")
        try world.kiosk.send("Enter")
    }
}
