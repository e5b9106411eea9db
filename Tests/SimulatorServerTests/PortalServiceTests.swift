import Foundation
import Testing
@testable import Simulator

@Suite("Portal: sessions, timeouts, errors")
struct PortalServiceTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let timeouts = PortalTimeouts(idle: 5, warning: 2, absolute: 20, lease: 3)
    let jane = DemoUsers.all[0]

    func ticket(for user: SpineUser, role: String?, token: String = "AQIC5wM2LY4Stest@AAJTSQACMDE=#") -> SSOTicket {
        SSOTicket(
            token: token, uid: user.uid, createdAt: t0, logSessionID: "x", deviceID: "kiosk",
            selectedRoleID: role, ssbMode: "0")
    }

    func request(_ user: SpineUser, role: String, token: String = "AQIC5wM2LY4Stest@AAJTSQACMDE=#") -> OpenSessionRequest {
        OpenSessionRequest(ssoTicket: token, uid: user.uid, roleProfileID: role, deviceID: "ward7", client: "cmc-kiosk/1.0.0")
    }

    /// A portal with Jane signed in at `t0`; returns the cookie.
    func signedIn() throws -> (PortalService, String) {
        var portal = PortalService(timeouts: timeouts)
        let opened = try portal.open(
            request(jane, role: "555200010001"), ticket: ticket(for: jane, role: "555200010001"), user: jane, now: t0
        ).get()
        return (portal, opened.session.cookie)
    }

    @Test("opening a session answers the user, the timeouts and no replacement")
    func open() throws {
        var portal = PortalService(timeouts: timeouts)
        let opened = try portal.open(
            request(jane, role: "555200010001"), ticket: ticket(for: jane, role: "555200010001"), user: jane, now: t0
        ).get()
        #expect(opened.session.displayName == "Dr Jane Smith")
        #expect(opened.session.cmcRole == "Clinician")
        #expect(opened.session.sessionID.hasPrefix("s-"))
        #expect(opened.session.cookie != opened.session.sessionID)
        #expect(!opened.replacedSession)
        #expect(opened.timeouts == timeouts)
        #expect(portal.sessions.count == 1)
    }

    @Test("Spine's ticket must be live, the uid's, and carry the selected role")
    func invalidTicket() {
        var portal = PortalService(timeouts: timeouts)
        let cases: [(SSOTicket?, OpenSessionRequest)] = [
            (nil, request(jane, role: "555200010001")),
            (ticket(for: DemoUsers.all[1], role: "555200020001"), request(jane, role: "555200010001")),
            (ticket(for: jane, role: nil), request(jane, role: "555200010001")),
            (ticket(for: jane, role: "555200010002"), request(jane, role: "555200010001")),
        ]
        for (ticket, request) in cases {
            let result = portal.open(request, ticket: ticket, user: jane, now: t0)
            #expect(result.portalError?.code == "invalid_ticket")
            #expect(result.portalError?.httpStatus == 401)
        }
        #expect(portal.sessions.isEmpty)
    }

    @Test("a UID unknown to CMC is 403 uid_not_registered; no CMC role is 403 no_cmc_role")
    func registration() {
        var portal = PortalService(timeouts: timeouts)
        let mark = DemoUsers.all[4]
        let pat = DemoUsers.all[9]
        let unregistered = portal.open(
            request(mark, role: "555200050001"), ticket: ticket(for: mark, role: "555200050001"), user: mark, now: t0)
        #expect(unregistered.portalError == .uidNotRegistered(uid: "555100000005"))
        #expect(unregistered.portalError?.httpStatus == 403)
        let noRole = portal.open(
            request(pat, role: "555200100001"), ticket: ticket(for: pat, role: "555200100001"), user: pat, now: t0)
        #expect(noRole.portalError == .noCMCRole)
        #expect(noRole.portalError?.code == "no_cmc_role")
    }

    @Test("malformed or incomplete JSON is bad_request", arguments: [
        "", "not json", "[1,2]", #"{"uid": "555100000001"}"#,
        #"{"sso_ticket": "", "uid": "555100000001", "role_profile_id": "555200010001"}"#,
        #"{"sso_ticket": "t", "uid": 555100000001, "role_profile_id": "555200010001"}"#,
    ])
    func badRequest(body: String) {
        #expect(throws: PortalError.self) { try OpenSessionRequest(json: Data(body.utf8)) }
        do {
            _ = try OpenSessionRequest(json: Data(body.utf8))
        } catch {
            #expect(error.code == "bad_request")
            #expect(error.httpStatus == 400)
        }
    }

    @Test("a full request decodes, unknown fields ignored")
    func decodes() throws {
        let body = #"{"sso_ticket": "AQIC#", "uid": "555100000001", "role_profile_id": "555200010001", "device_id": "w7", "client": "k/1", "extra": 1}"#
        let request = try OpenSessionRequest(json: Data(body.utf8))
        #expect(request == OpenSessionRequest(ssoTicket: "AQIC#", uid: "555100000001", roleProfileID: "555200010001", deviceID: "w7", client: "k/1"))
    }

    @Test("status renews the lease but not the idle timer")
    func statusRenewsLeaseOnly() throws {
        var (portal, cookie) = try signedIn()
        for second in [2.0, 4.0] {
            let status = try portal.status(cookie: cookie, now: t0 + second).get()
            #expect(status.idleRemainingSeconds == Int(5 - second))
            #expect(status.absoluteRemainingSeconds == Int(20 - second))
        }
        // Lease renewed at t0+4 would last to t0+7, but idle (t0+5) comes first.
        #expect(portal.status(cookie: cookie, now: t0 + 5.5) == .failure(.sessionEnded(.idleTimeout)))
        #expect(portal.ended[cookie]?.endedAt == t0 + 5)
    }

    @Test("keep-alive resets the idle timer")
    func keepAlive() throws {
        var (portal, cookie) = try signedIn()
        _ = try portal.keepAlive(cookie: cookie, now: t0 + 2.5).get()
        let status = try portal.status(cookie: cookie, now: t0 + 4.5).get()
        #expect(status.idleRemainingSeconds == 3)
        #expect(portal.status(cookie: cookie, now: t0 + 7.6).portalError == .sessionEnded(.idleTimeout))
    }

    @Test("silence past the lease ends the session as lease_expired")
    func lease() throws {
        var (portal, cookie) = try signedIn()
        portal.sweep(now: t0 + 3.1)
        #expect(portal.sessions.isEmpty)
        #expect(portal.ended[cookie]?.reason == .leaseExpired)
        #expect(portal.keepAlive(cookie: cookie, now: t0 + 3.2) == .failure(.sessionEnded(.leaseExpired)))
    }

    @Test("the absolute limit ends even an active session")
    func absolute() throws {
        var (portal, cookie) = try signedIn()
        var now = t0
        while now < t0 + 18 {
            now += 2
            _ = try portal.keepAlive(cookie: cookie, now: now).get()
        }
        #expect(portal.status(cookie: cookie, now: t0 + 20.5) == .failure(.sessionEnded(.absoluteTimeout)))
    }

    @Test("a second session for the user replaces the first")
    func replacement() throws {
        var (portal, first) = try signedIn()
        let second = try portal.open(
            request(jane, role: "555200010002", token: "AQIC-second"),
            ticket: ticket(for: jane, role: "555200010002", token: "AQIC-second"), user: jane, now: t0 + 1
        ).get()
        #expect(second.replacedSession)
        #expect(portal.status(cookie: first, now: t0 + 1.5) == .failure(.sessionEnded(.replaced)))
        #expect(try portal.status(cookie: second.session.cookie, now: t0 + 1.5).get().sessionID == second.session.sessionID)
        #expect(portal.sessions.count == 1)
    }

    @Test("logout is idempotent and later calls learn the reason")
    func logout() throws {
        var (portal, cookie) = try signedIn()
        portal.logout(cookie: cookie, reason: "card_removed", now: t0 + 1)
        portal.logout(cookie: cookie, reason: "user_logout", now: t0 + 2)
        portal.logout(cookie: nil, reason: nil, now: t0 + 2)
        portal.logout(cookie: "never-issued", reason: nil, now: t0 + 2)
        #expect(portal.ended[cookie]?.reason == .logout)
        #expect(portal.ended[cookie]?.logoutReason == "card_removed")
        #expect(portal.status(cookie: cookie, now: t0 + 3) == .failure(.sessionEnded(.logout)))
        #expect(portal.status(cookie: nil, now: t0 + 3) == .failure(.noSession))
        #expect(portal.status(cookie: "never-issued", now: t0 + 3) == .failure(.noSession))
    }

    @Test("Spine logout and the portal's own end close the session with their reasons")
    func endedElsewhere() throws {
        var (portal, cookie) = try signedIn()
        portal.ticketDestroyed("AQIC5wM2LY4Stest@AAJTSQACMDE=#", now: t0 + 1)
        #expect(portal.status(cookie: cookie, now: t0 + 1) == .failure(.sessionEnded(.spineLogout)))
        var (other, otherCookie) = try signedIn()
        let endedLive = other.endSession(uid: jane.uid, reason: .absoluteTimeout, now: t0 + 1)
        let endedAgain = other.endSession(uid: jane.uid, reason: .logout, now: t0 + 1)
        #expect(endedLive)
        #expect(!endedAgain)
        #expect(other.status(cookie: otherCookie, now: t0 + 1) == .failure(.sessionEnded(.absoluteTimeout)))
    }

    @Test("a hand-off code works once, within its lifetime, while the session lives")
    func handoff() throws {
        var (portal, cookie) = try signedIn()
        let first = try portal.handoff(cookie: cookie, now: t0 + 1).get()
        #expect(first.expiresIn == 30)
        #expect(portal.redeemHandoff(code: first.code, now: t0 + 2)?.session.uid == jane.uid)
        #expect(portal.redeemHandoff(code: first.code, now: t0 + 2) == nil)
        let second = try portal.handoff(cookie: cookie, now: t0 + 2).get()
        portal.logout(cookie: cookie, reason: nil, now: t0 + 3)
        #expect(portal.redeemHandoff(code: second.code, now: t0 + 3) == nil)
        #expect(portal.handoff(cookie: cookie, now: t0 + 3) == .failure(.sessionEnded(.logout)))
    }
}

extension Result where Failure == PortalError {
    var portalError: PortalError? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
