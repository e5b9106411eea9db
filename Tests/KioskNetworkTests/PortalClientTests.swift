import Foundation
import Testing

@testable import KioskNetwork

/// The portal client against a scripted loopback peer.
@Suite struct PortalClientTests {
    static let opened = CannedAnswer(
        status: 201, headers: [["Set-Cookie", "CMCSESSION=c00k1e; Secure; HttpOnly; Path=/"], ["Content-Type", "application/json"]],
        body: """
            {"session_id": "s-8f3c", "user": {"uid": "555123456789", "display_name": "Dr Jane Smith", "cmc_role": "Clinician", "extra": 1},
             "idle_timeout_seconds": 900, "warning_seconds": 120, "absolute_timeout_seconds": 43200,
             "lease_seconds": 60, "replaced_session": false, "portal_url": "https://nww-devb.coordinatemycare.net/", "new_field": [1, 2]}
            """)
    static let status = CannedAnswer(
        status: 200, body: #"{"session_id": "s-8f3c", "state": "active", "idle_remaining_seconds": 812, "absolute_remaining_seconds": 43080}"#)

    private func client(_ peer: ServerProcess) throws -> PortalClient {
        PortalClient(baseURL: peer.base, engine: try HTTPEngine(configuration: .init(userAgent: "cmc-kiosk/1.0.0")))
    }

    private func open(_ portal: PortalClient) async throws(PortalError) -> PortalSession {
        try await portal.openSession(ticket: SSOTicket("AQIC5wM2#"), uid: "555123456789", roleProfileID: "055123450102", deviceID: "ward7-kiosk-2")
    }

    @Test func wholeSessionCarriesTheCookieAndTheSpecBodies() async throws {
        let peer = try ServerProcess.peer(script: [
            "POST /api/smartcard/sessions": Self.opened,
            "GET /api/smartcard/sessions/current": Self.status,
            "POST /api/smartcard/sessions/current/keepalive": Self.status,
            "POST /api/smartcard/sessions/current/handoff": CannedAnswer(status: 200, body: #"{"url": "https://portal/sso/handoff?code=abc", "expires_in": 30}"#),
            "DELETE /api/smartcard/sessions/current": CannedAnswer(status: 204),
        ])
        let portal = try client(peer)
        let session = try await open(portal)
        #expect(session == PortalSession(
            sessionID: "s-8f3c", user: .init(uid: "555123456789", displayName: "Dr Jane Smith", cmcRole: "Clinician"),
            idleTimeoutSeconds: 900, warningSeconds: 120, absoluteTimeoutSeconds: 43200, leaseSeconds: 60,
            replacedSession: false, portalURL: "https://nww-devb.coordinatemycare.net/"))
        #expect(try await portal.status().idleRemainingSeconds == 812)
        #expect(try await portal.keepAlive().absoluteRemainingSeconds == 43080)
        let handoff = try await portal.handoff()
        #expect(handoff.url == "https://portal/sso/handoff?code=abc")
        #expect(handoff.expiresInSeconds == 30)
        try await portal.logout(reason: .cardRemoved)

        let requests = try peer.recordedRequests()
        #expect(requests.map { "\($0.method) \($0.path)" } == [
            "POST /api/smartcard/sessions", "GET /api/smartcard/sessions/current",
            "POST /api/smartcard/sessions/current/keepalive", "POST /api/smartcard/sessions/current/handoff",
            "DELETE /api/smartcard/sessions/current",
        ])
        let body = try JSONSerialization.jsonObject(with: Data(requests[0].bodyBytes)) as? [String: String]
        #expect(body == [
            "sso_ticket": "AQIC5wM2#", "uid": "555123456789", "role_profile_id": "055123450102",
            "device_id": "ward7-kiosk-2", "client": "cmc-kiosk/1.0.0",
        ])
        #expect(requests[0].header("Content-Type") == "application/json")
        #expect(requests[0].header("Cookie") == nil)
        for request in requests.dropFirst() {
            #expect(request.header("Cookie") == "CMCSESSION=c00k1e")
        }
        #expect(requests[4].bodyText == #"{"reason":"card_removed"}"#)

        // Logout wiped the cookie: a later call goes without it.
        _ = try? await portal.status()
        #expect(try peer.recordedRequests().last?.header("Cookie") == nil)
    }

    @Test func aCreatedSessionWithoutItsCookieIsRefused() async throws {
        var noCookie = Self.opened
        noCookie.headers = []
        let peer = try ServerProcess.peer(script: ["POST /api/smartcard/sessions": noCookie])
        await #expect(throws: PortalError.missingSessionCookie) { _ = try await open(try client(peer)) }
    }

    static let openErrors: [(CannedAnswer, PortalError)] = [
        (.init(status: 400, body: #"{"error": "bad_request", "message": "uid missing"}"#), .badRequest(message: "uid missing")),
        (.init(status: 401, body: #"{"error": "invalid_ticket", "message": "Spine said no"}"#), .invalidTicket(message: "Spine said no")),
        (.init(status: 403, body: #"{"error": "uid_not_registered", "message": "not linked", "uid": "5551"}"#), .uidNotRegistered(message: "not linked")),
        (.init(status: 403, body: #"{"error": "no_cmc_role", "message": "no role"}"#), .noCMCRole(message: "no role")),
        (.init(status: 429, headers: [["Retry-After", "17"]], body: #"{"error": "rate_limited", "message": "slow down"}"#),
         .rateLimited(retryAfter: .seconds(17), message: "slow down")),
        (.init(status: 429, body: #"{"error": "rate_limited", "message": "slow down"}"#), .rateLimited(retryAfter: nil, message: "slow down")),
        (.init(status: 503, body: #"{"error": "spine_unavailable", "message": "Spine down"}"#), .spineUnavailable(message: "Spine down")),
        (.init(status: 418, body: #"{"error": "teapot", "message": "short and stout"}"#), .unexpected(status: 418, code: "teapot", message: "short and stout")),
        (.init(status: 502, body: "<html>Bad Gateway</html>"), .unexpected(status: 502, code: nil, message: nil)),
        (.init(status: 201, headers: [["Set-Cookie", "CMCSESSION=x; Path=/"]], body: #"{"session_id": 5"#), .malformedResponse("PortalSession expected")),
        (.init(status: 201, headers: [["Set-Cookie", "CMCSESSION=x; Path=/"]], body: #"{"session_id": "s"}"#), .malformedResponse("PortalSession expected")),
    ]

    @Test(arguments: openErrors)
    func openSessionMapsEveryError(_ answer: CannedAnswer, expected: PortalError) async throws {
        let peer = try ServerProcess.peer(script: ["POST /api/smartcard/sessions": answer])
        await #expect(throws: expected) { _ = try await open(try client(peer)) }
    }

    static let endReasons: [(String, SessionEndReason)] = [
        ("idle_timeout", .idleTimeout), ("absolute_timeout", .absoluteTimeout), ("logout", .logout), ("replaced", .replaced),
        ("lease_expired", .leaseExpired), ("spine_logout", .spineLogout), ("solar_flare", .other("solar_flare")),
    ]

    @Test(arguments: endReasons)
    func anEndedSessionCarriesItsReason(_ reason: (text: String, value: SessionEndReason)) async throws {
        let ended = CannedAnswer(status: 401, body: #"{"error": "session_ended", "reason": "\#(reason.text)", "message": "Your session has ended"}"#)
        let peer = try ServerProcess.peer(script: [
            "GET /api/smartcard/sessions/current": ended, "POST /api/smartcard/sessions/current/keepalive": ended,
        ])
        let portal = try client(peer)
        let expected = PortalError.sessionEnded(reason: reason.value, message: "Your session has ended")
        await #expect(throws: expected) { _ = try await portal.status() }
        await #expect(throws: expected) { _ = try await portal.keepAlive() }
    }

    @Test func logoutIsIdempotentAndReportsOtherAnswers() async throws {
        let peer = try ServerProcess.peer(script: ["DELETE /api/smartcard/sessions/current": CannedAnswer(status: 204)])
        let portal = try client(peer)
        try await portal.logout(reason: .userLogout)
        try await portal.logout(reason: .kioskShutdown)
        #expect(try peer.recordedRequests().map(\.bodyText) == [#"{"reason":"user_logout"}"#, #"{"reason":"kiosk_shutdown"}"#])

        let broken = try ServerProcess.peer(script: ["DELETE /api/smartcard/sessions/current": CannedAnswer(status: 500)])
        await #expect(throws: PortalError.unexpected(status: 500, code: nil, message: nil)) {
            try await client(broken).logout(reason: .idleTimeout)
        }
    }

    @Test func malformedStatusIsATypedError() async throws {
        let peer = try ServerProcess.peer(script: ["GET /api/smartcard/sessions/current": CannedAnswer(status: 200, body: "not json")])
        await #expect(throws: PortalError.malformedResponse("PortalSessionStatus expected")) { _ = try await client(peer).status() }
    }

    @Test func transportFailuresAreWrapped() async throws {
        let portal = PortalClient(baseURL: "http://nww.coordinatemycare.net", engine: try HTTPEngine())
        await #expect(throws: PortalError.transport(.insecureURLRefused(host: "nww.coordinatemycare.net"))) {
            _ = try await portal.status()
        }
    }
}
