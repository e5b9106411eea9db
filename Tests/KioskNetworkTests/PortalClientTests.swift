import Foundation
import KioskCore
import struct Simulator.PortalTimeouts
import Testing

@testable import KioskNetwork

/// The portal client against the project's simulator over HTTPS on loopback, through libcurl.
@Suite struct PortalClientTests {
    @Test func wholeSessionWithTheDemoCard() async throws {
        try await LiveSimulator.with { simulator in
            let portal = simulator.portal()
            let (login, session) = try await simulator.signIn(try DemoCard("several-roles.json"), portal: portal)
            #expect(session == PortalSession(
                displayName: "Dr Jane Smith", role: Role(login.roles[0]), idleTimeout: 900, warning: 120,
                lease: 60, replacedAnother: false, portalURL: simulator.base + "/"))

            let live = try await simulator.status().portal.sessions
            #expect(live.count == 1)
            #expect(live.first?.uid == "555100000001")
            #expect(live.first?.roleProfileID == login.roles[0].profileID)
            #expect(live.first?.deviceID == "ward7-kiosk-2")
            let sessionID = try #require(live.first?.sessionID)
            #expect(sessionID.hasPrefix("s-"))

            let status = try await portal.status()
            #expect(status.sessionID == sessionID)
            #expect(status.state == "active")
            #expect((890...900).contains(status.idleRemainingSeconds))
            #expect(try await portal.keepAlive().sessionID == sessionID)

            let handoff = try await portal.handoff()
            #expect(handoff.expiresInSeconds == 30)
            #expect("\(handoff)" == "PortalHandoff(redacted, expires in 30 s)")
            let signedIn = try await simulator.get(handoff.url)
            #expect(signedIn.status == 303, "the browser's cookie and a redirect to the patient list")
            #expect(signedIn.text.contains("Signed in to CMC as Dr Jane Smith"))
            #expect(try await simulator.get(handoff.url).status == 410, "a hand-off URL works once")

            try await portal.logout(reason: .cardRemoved)
            let after = try await simulator.status().portal
            #expect(after.sessions.isEmpty)
            #expect(after.endedSessions.map(\.reason) == ["logout"])
            #expect(after.endedSessions.first?.logoutReason == "card_removed")
            // The cookie went with the session: the portal no longer knows this kiosk.
            await #expect(throws: PortalError.unexpected(
                status: 401, code: "no_session", message: "No session: missing or unknown CMCSESSION cookie")) {
                _ = try await portal.status()
            }
        }
    }

    // MARK: Opening errors, each for its real reason

    @Test func anEmptyUIDIsABadRequest() async throws {
        try await LiveSimulator.with { simulator in
            let login = try await simulator.authenticate(try DemoCard("one-role.json"))
            await #expect {
                _ = try await simulator.portal().openSession(
                    ticket: login.ticket, uid: "", role: Role(id: "1", jobRole: "", organisation: "", organisationCode: ""),
                    deviceID: "d")
            } throws: { error in
                if case .badRequest(let message) = error as? PortalError { return message.contains("uid") }
                return false
            }
        }
    }

    @Test func aTicketWithoutARoleOrLoggedOutIsInvalid() async throws {
        try await LiveSimulator.with { simulator in
            let gas = simulator.gas()
            let login = try await simulator.authenticate(try DemoCard("one-role.json"), gas: gas)
            let portal = simulator.portal()
            let role = login.roles[0]
            await #expect {
                _ = try await portal.openSession(ticket: login.ticket, uid: login.uid, role: Role(role), deviceID: "d")
            } throws: { error in
                if case .invalidTicket(let message) = error as? PortalError { return message.contains("no role was selected") }
                return false
            }
            try await gas.selectRole(role, for: login)
            try await gas.logout(login)
            await #expect {
                _ = try await portal.openSession(ticket: login.ticket, uid: login.uid, role: Role(role), deviceID: "d")
            } throws: { error in
                if case .invalidTicket(let message) = error as? PortalError { return message.contains("unknown or logged out") }
                return false
            }
        }
    }

    @Test(arguments: [
        ("unregistered.json", PortalError.uidNotRegistered(message: "The smartcard UID 555100000005 is not registered with CMC")),
        ("no-cmc-role.json", .noCMCRole(message: "The CMC user has no CMC system role")),
    ])
    func aCardNotLinkedToACMCRoleIsRefused(_ persona: String, expected: PortalError) async throws {
        try await LiveSimulator.with { simulator in
            await #expect(throws: expected) {
                _ = try await simulator.signIn(try DemoCard(persona), portal: simulator.portal())
            }
            let status = try await simulator.status()
            #expect(status.portal.sessions.isEmpty)
        }
    }

    @Test func rateLimitingCarriesRetryAfterAndSpineOutagesAreNamed() async throws {
        try await LiveSimulator.with { simulator in
            let path = "/api/smartcard/sessions"
            try await simulator.inject(["path_prefix": path, "method": "POST", "action": "rate_limited", "retry_after": 7, "times": 1])
            await #expect(throws: PortalError.rateLimited(retryAfter: .seconds(7), message: "Too many requests; try again shortly")) {
                _ = try await simulator.signIn(try DemoCard("one-role.json"), portal: simulator.portal())
            }
            try await simulator.inject(["path_prefix": path, "method": "POST", "action": "spine_unavailable", "times": 1])
            await #expect(throws: PortalError.spineUnavailable(message: "Spine could not be reached")) {
                _ = try await simulator.signIn(try DemoCard("one-role.json"), portal: simulator.portal())
            }
        }
    }

    // MARK: How sessions end

    private static func ended(_ reason: SessionEndReason, wireName: String? = nil) -> PortalError {
        .sessionEnded(reason: reason, message: "The session has ended (\(wireName ?? reason.rawValue))")
    }

    @Test func aSilentKioskLosesItsLease() async throws {
        let timeouts = PortalTimeouts(idle: 60, warning: 10, absolute: 600, lease: 2)
        try await LiveSimulator.with(timeouts: timeouts) { simulator in
            let portal = simulator.portal()
            let (_, session) = try await simulator.signIn(try DemoCard("one-role.json"), portal: portal)
            #expect(session.lease == 2)
            try await Task.sleep(for: .milliseconds(2600))
            #expect(try await simulator.status().portal.endedSessions.map(\.reason) == ["lease_expired"])
            await #expect(throws: Self.ended(.leaseExpired)) { _ = try await portal.status() }
        }
    }

    @Test func idleTimeoutEndsTheSessionAndOnlyKeepAliveResetsIt() async throws {
        let timeouts = PortalTimeouts(idle: 4, warning: 1, absolute: 600, lease: 60)
        try await LiveSimulator.with(timeouts: timeouts) { simulator in
            let kept = simulator.portal()
            let polled = simulator.portal()
            _ = try await simulator.signIn(try DemoCard("several-roles.json"), portal: polled)
            _ = try await simulator.signIn(try DemoCard("one-role.json"), portal: kept)
            for _ in 0..<6 {
                try await Task.sleep(for: .milliseconds(1000))
                let status = try await kept.keepAlive()
                #expect(status.idleRemainingSeconds >= 3, "keep-alive resets the idle timer")
                if let remaining = try? await polled.status().idleRemainingSeconds {
                    #expect(remaining < 4, "status does not reset it")
                }
            }
            await #expect(throws: Self.ended(.idleTimeout)) { _ = try await polled.status() }
            #expect(try await kept.status().state == "active")
        }
    }

    @Test func theAbsoluteTimeoutEndsEvenAnActiveSession() async throws {
        let timeouts = PortalTimeouts(idle: 60, warning: 10, absolute: 6, lease: 60)
        try await LiveSimulator.with(timeouts: timeouts) { simulator in
            let portal = simulator.portal()
            _ = try await simulator.signIn(try DemoCard("one-role.json"), portal: portal)
            let opened = ContinuousClock.now
            try await Task.sleep(for: .milliseconds(1000))
            _ = try await portal.keepAlive()
            try await Task.sleep(until: opened + .milliseconds(6500))
            await #expect(throws: Self.ended(.absoluteTimeout)) { _ = try await portal.keepAlive() }
        }
    }

    @Test func aSecondSessionForTheSameUserReplacesTheFirst() async throws {
        try await LiveSimulator.with { simulator in
            let first = simulator.portal()
            let second = simulator.portal()
            let card = try DemoCard("one-role.json")
            let (_, opened) = try await simulator.signIn(card, portal: first)
            #expect(!opened.replacedAnother)
            let (_, replacing) = try await simulator.signIn(card, portal: second)
            #expect(replacing.replacedAnother)
            await #expect(throws: Self.ended(.replaced)) { _ = try await first.status() }
            let live = try await simulator.status().portal.sessions
            #expect(live.count == 1)
            #expect(try await second.status().sessionID == live.first?.sessionID)
        }
    }

    @Test func spineLogoutEndsThePortalSession() async throws {
        try await LiveSimulator.with { simulator in
            let portal = simulator.portal()
            let (login, _) = try await simulator.signIn(try DemoCard("one-role.json"), portal: portal)
            try await simulator.gas().logout(login)
            await #expect(throws: Self.ended(.spineLogout)) { _ = try await portal.keepAlive() }
        }
    }

    @Test(arguments: [
        SessionEndReason.idleTimeout, .absoluteTimeout, .logout, .replaced, .leaseExpired, .spineLogout,
    ])
    func everyEndReasonReachesTheKiosk(_ reason: SessionEndReason) async throws {
        try await LiveSimulator.with(tls: false) { simulator in
            let portal = simulator.portal()
            _ = try await simulator.signIn(try DemoCard("one-role.json"), portal: portal)
            try await simulator.endSession(uid: "555100000002", reason: reason.rawValue)
            await #expect(throws: Self.ended(reason)) { _ = try await portal.status() }
            await #expect(throws: Self.ended(reason)) { _ = try await portal.keepAlive() }
            await #expect(throws: Self.ended(reason)) { _ = try await portal.handoff() }
        }
    }

    @Test func aReasonTheKioskDoesNotKnowStillEndsTheSession() async throws {
        try await LiveSimulator.with(tls: false) { simulator in
            let portal = simulator.portal()
            _ = try await simulator.signIn(try DemoCard("one-role.json"), portal: portal)
            try await simulator.endSession(uid: "555100000002", reason: "maintenance")
            await #expect(throws: Self.ended(.unspecified, wireName: "maintenance")) { _ = try await portal.status() }
        }
    }

    @Test func aSessionEndedWithoutAReasonIsUnspecified() {
        let answer = HTTPResponse(status: 401, body: Array(#"{"error": "session_ended", "message": "Gone"}"#.utf8))
        #expect(throws: PortalError.sessionEnded(reason: .unspecified, message: "Gone")) {
            try PortalClient.check(answer, expecting: 200)
        }
    }

    @Test func logoutIsIdempotent() async throws {
        try await LiveSimulator.with { simulator in
            let portal = simulator.portal()
            _ = try await simulator.signIn(try DemoCard("one-role.json"), portal: portal)
            try await simulator.endSession(uid: "555100000002", reason: "idle_timeout")
            try await portal.logout(reason: .userLogout)  // already ended: still 204
            try await portal.logout(reason: .kioskShutdown)  // no session at all: still 204
            let ended = try await simulator.status().portal.endedSessions
            #expect(ended.map(\.reason) == ["idle_timeout"])
        }
    }

    @Test func aFailedLogoutKeepsTheCookieSoThatARetryEndsTheSession() async throws {
        try await LiveSimulator.with { simulator in
            let portal = simulator.portal()
            _ = try await simulator.signIn(try DemoCard("one-role.json"), portal: portal)
            // Twice: libcurl resends a request once on a fresh connection when a reused one drops.
            try await simulator.inject([
                "action": "drop_connection", "times": 2, "method": "DELETE",
                "path_prefix": "/api/smartcard/sessions/current",
            ])
            await #expect(throws: PortalError.self) { try await portal.logout(reason: .cardRemoved) }
            #expect(try await simulator.status().portal.sessions.count == 1, "the session outlived the failed call")

            try await portal.logout(reason: .cardRemoved)
            let after = try await simulator.status().portal
            #expect(after.sessions.isEmpty, "the retry carried the cookie and ended the session")
            #expect(after.endedSessions.first?.logoutReason == "card_removed")
        }
    }

    // MARK: Broken answers

    /// Each fault once; a dropped connection twice, because libcurl retries a request once on a
    /// fresh connection when a reused one closes before any answer.
    static let brokenAnswers: [([String: any Sendable], String)] = [
        (["action": "malformed_body", "times": 1], "malformed"),
        (["action": "wrong_content_type", "times": 1], "malformed"),
        (["action": "malformed_body", "status": 502, "times": 1], "status 502"),
        (["action": "truncated_body", "times": 1], "truncated"),
        (["action": "oversized_body", "times": 1], "too large"),
        (["action": "drop_connection", "times": 2], "dropped"),
    ]

    @Test(arguments: brokenAnswers.indices)
    func brokenAnswersAreTypedErrors(_ index: Int) async throws {
        let (fault, expected) = Self.brokenAnswers[index]
        try await LiveSimulator.with { simulator in
            let portal = simulator.portal()
            _ = try await simulator.signIn(try DemoCard("one-role.json"), portal: portal)
            try await simulator.inject(fault.merging(["path_prefix": "/api/smartcard/sessions/current"]) { $1 })
            await #expect {
                _ = try await portal.status()
            } throws: { error in
                switch error as? PortalError {
                case .malformedResponse: expected == "malformed"
                case .unexpected(let status, nil, nil): expected == "status \(status)"
                case .transport(.responseTruncated): expected == "truncated"
                case .transport(.responseTooLarge): expected == "too large"
                case .transport(.connectionDropped): expected == "dropped"
                default: false
                }
            }
            #expect(try await portal.status().state == "active", "the client goes on working")
        }
    }

    @Test func plainHTTPBeyondLoopbackIsRefused() async throws {
        let portal = PortalClient(baseURL: "http://nww.coordinatemycare.net", engine: try HTTPEngine())
        await #expect(throws: PortalError.transport(.insecureURLRefused(host: "nww.coordinatemycare.net"))) {
            _ = try await portal.status()
        }
    }
}
