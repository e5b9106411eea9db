import Foundation
import KioskCore
import KioskNetwork
import Testing

/// Spine's challenge is fetched while the passcode is typed, on the connection the rest of the
/// sign-in reuses: after the passcode only validation, role selection and the portal remain.
@Suite("The challenge fetched while the passcode is typed")
struct ChallengeAheadTests {
    static func isPasscodeEntry(_ phase: KioskPhase) -> Bool { if case .passcodeEntry = phase { true } else { false } }

    static func outstandingChallenges(_ kiosk: ShellHarness) async throws -> Int {
        (try await kiosk.status()["gas"] as? [String: Any])?["outstanding_challenges"] as? Int ?? -1
    }

    @Test func theChallengeIsReadyBeforeThePasscodeAndOnlyThreeRequestsFollowIt() async throws {
        let kiosk = try await ShellHarness()
        defer { Task { await kiosk.stop() } }
        try kiosk.insert("one-role")
        #expect(await kiosk.waitForPhase(Self.isPasscodeEntry) != nil)
        #expect(try await kiosk.waitForSimulator { try await Self.outstandingChallenges(kiosk) == 1 },
                "a challenge was fetched while the passcode screen shows")
        let beforePasscode = kiosk.transfers
        #expect(beforePasscode.map(\.request) == ["POST \(kiosk.simulator.baseURL)/login/authactivate"])
        #expect(beforePasscode.first?.newConnections == 1, "the fetch opened the connection")

        kiosk.type("123456")
        #expect(await kiosk.waitForPhase { if case .signedIn = $0 { true } else { false } } != nil)
        let afterPasscode = Array(kiosk.transfers.dropFirst())
        #expect(afterPasscode.map { $0.request.replacingOccurrences(of: kiosk.simulator.baseURL, with: "") } == [
            "POST /login/authvalidate", "GET /saml/RoleSelectionGP.jsp", "POST /api/smartcard/sessions",
        ])
        #expect(afterPasscode.map(\.roundTrips) == [1, 1, 1], "every one on the connection the fetch opened")
        #expect(try await Self.outstandingChallenges(kiosk) == 0, "the challenge fetched ahead was the one answered")

        kiosk.remove()
        #expect(try await kiosk.waitForSimulator { try await kiosk.leftNothingBehind() })
    }

    @Test func aChallengeHalfItsLifetimeOldIsReplacedWhileThePasscodeIsTyped() async throws {
        let kiosk = try await ShellHarness(challengeLifetime: .seconds(2))
        defer { Task { await kiosk.stop() } }
        try kiosk.insert("one-role")
        #expect(await kiosk.waitForPhase(Self.isPasscodeEntry) != nil)
        #expect(try await kiosk.waitForSimulator(timeout: .seconds(10)) {
            kiosk.transfers.filter { $0.request.hasSuffix("/login/authactivate") }.count >= 3
        }, "a new challenge every second: \(kiosk.transfers.map(\.request))")

        kiosk.type("123456")
        #expect(await kiosk.waitForPhase { if case .signedIn = $0 { true } else { false } } != nil)
        let validation = try #require(kiosk.transfers.firstIndex { $0.request.hasSuffix("/login/authvalidate") })
        #expect(!kiosk.transfers[validation...].contains { $0.request.hasSuffix("/login/authactivate") },
                "no fetch after the passcode: one was fresh")
        kiosk.remove()
        #expect(try await kiosk.waitForSimulator { try await kiosk.leftNothingBehind() })
    }

    /// GAS's challenges live 1.5 s here and the kiosk is told 2 s: the passcode comes 2.5 s after
    /// the card, when the first challenge has expired at GAS, and the one renewed at half the
    /// lifetime is answered.
    @Test func theRenewedChallengeIsTheOneAnsweredAfterTheFirstHasExpired() async throws {
        let kiosk = try await ShellHarness(challengeLifetime: .seconds(2), simulatorChallengeTTL: 1.5)
        defer { Task { await kiosk.stop() } }
        try kiosk.insert("one-role")
        #expect(await kiosk.waitForPhase(Self.isPasscodeEntry) != nil)
        try await Task.sleep(for: .milliseconds(2500))

        kiosk.type("123456")
        #expect(await kiosk.waitForPhase { if case .signedIn = $0 { true } else { false } } != nil,
                "signed in with a challenge GAS still takes")
        kiosk.remove()
        #expect(try await kiosk.waitForSimulator { try await kiosk.leftNothingBehind() })
    }

    @Test func removalWhileTheChallengeIsOnItsWayAbandonsItAndFetchesNothingMore() async throws {
        let kiosk = try await ShellHarness(challengeLifetime: .seconds(2))
        defer { Task { await kiosk.stop() } }
        try await kiosk.addFault(#"{"path_prefix": "/login/authactivate", "latency_ms": 1500, "times": 1}"#)
        try kiosk.insert("one-role")
        #expect(await kiosk.waitForPhase(Self.isPasscodeEntry) != nil)

        kiosk.remove()
        #expect(await kiosk.state.phase == .locked)
        try await Task.sleep(for: .seconds(3))
        #expect(kiosk.transfers.isEmpty, "the fetch was cancelled, and none followed: \(kiosk.transfers.map(\.request))")
        #expect(try await kiosk.leftNothingBehind())
    }
}
