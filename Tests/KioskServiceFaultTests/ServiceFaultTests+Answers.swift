import Foundation
import KioskProcessTestSupport
import Testing

extension ServiceFaultTests {
    /// A slow, malformed, truncated, oversized or wrongly labelled answer, first from Spine, then
    /// from the portal: each attempt ends in plain words naming the server, the kiosk keeps
    /// running, nothing is left live at the simulator, and the next card signs in. The one
    /// exception: a well-formed GAS answer with the wrong Content-Type is read all the same, as the
    /// public GAS clients read it, and the sign-in goes on.
    @Test(arguments: BadAnswer.allCases)
    func aBadAnswerAtSignInIsToldInPlainWords(_ answer: BadAnswer) async throws {
        let world = try await ServiceWorld("answer-\(answer.rawValue)")
        defer { world.finish() }
        for server in Server.allCases {
            try world.simulator.addFault(answer.rule(at: server))
            let card = try await world.insertAndEnterPasscode(demo: "one-role")
            guard answer.endsTheSignIn(at: server) else {
                let signedIn = world.kiosk.wait(for: "Signed in as", seconds: ServiceWorld.requestTimeout + 20)
                #expect(signedIn.contains("Signed in as"), "\(server): \(signedIn)")
                #expect(world.simulator.injections(path: Self.gasActivate) >= 1, "the fault was injected: \(world.simulator.log)")
                world.scenario.removeAndExpectLock(card)
                _ = try world.scenario.expectNothingLeftBehind(seconds: 20, "after a \(answer) answer from \(server)")
                try world.simulator.clearFaults()
                continue
            }
            let shown = world.kiosk.wait(for: "Remove your smartcard", seconds: ServiceWorld.requestTimeout + 20)
            #expect(shown.contains(server.headline), "\(server): \(shown)")
            #expect(shown.contains(answer.explanation(from: server)), "\(server): \(shown)")
            #expect(shown.contains("Try again in a few minutes."), "\(server): \(shown)")
            #expect(world.simulator.injections(path: server == .spine ? Self.gasActivate : Self.portalSessions) >= 1,
                    "the fault was injected: \(world.simulator.log)")
            world.expectKioskRunning()
            world.scenario.removeAndExpectLock(card)
            if answer == .slow {
                // Past the latency: whatever the simulator finishes after the kiosk gave up is gone too.
                try await Task.sleep(for: .seconds(2.5))
            }
            let after = try world.scenario.expectNothingLeftBehind(seconds: 20, "after a \(answer) answer from \(server)")
            #expect(!after.endedSessions.contains { $0["reason"] as? String == "lease_expired" }, "\(after)")
            try world.simulator.clearFaults()
        }
        try await world.signInAndOutAgain()
    }

    /// The simulator's certificate self-signed, expired, or for another host: the kiosk refuses it
    /// with plain words, sends nothing, keeps running, and reads the next card.
    @Test(arguments: MisissuedCertificate.allCases)
    func anUntrustworthyCertificateIsRefusedInPlainWords(_ kind: MisissuedCertificate) async throws {
        let world = try await ServiceWorld("tls-\(kind.rawValue)", certificate: try kind.certificate)
        defer { world.finish() }
        let card = try await world.insertAndEnterPasscode(demo: "one-role")
        let shown = world.kiosk.wait(for: "Remove your smartcard", seconds: 20)
        #expect(shown.contains("The secure connection failed"), "\(shown)")
        #expect(shown.contains("The server's certificate could not be verified, so nothing was sent."), "\(shown)")
        #expect(shown.contains("Tell your IT service desk: NHS Spine: \(kind.explanation)"), "\(shown)")
        world.expectKioskRunning()
        world.scenario.removeAndExpectLock(card)
        let status = try world.scenario.expectNothingLeftBehind(seconds: 5)
        #expect(status.endedSessions.isEmpty, "\(status)")
        #expect(!world.simulator.log.contains("GAS activation"), "no request got through: \(world.simulator.log)")

        let next = try await world.insert(demo: "several-roles")
        #expect(world.kiosk.wait(for: "Enter your passcode").contains("Enter your passcode"), "the next card is read")
        world.scenario.removeAndExpectLock(next)
    }
}
