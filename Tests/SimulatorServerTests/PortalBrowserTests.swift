import Foundation
import Testing
@testable import Simulator

@Suite("Portal: browsers signed in by hand-off, their page views and their end")
struct PortalBrowserTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let timeouts = PortalTimeouts(idle: 5, warning: 2, absolute: 20, lease: 3)
    let jane = DemoUsers.all[0]
    let token = "AQIC5wM2LY4Stest@AAJTSQACMDE=#"

    /// A portal with Jane's session opened at `t0`; returns its `CMCSESSION` cookie.
    func janeSignedIn(into portal: inout PortalService, at date: Date? = nil) throws -> String {
        let ticket = SSOTicket(
            token: token, uid: jane.uid, createdAt: t0, logSessionID: "x", deviceID: "kiosk",
            selectedRoleID: "555200010001", ssbMode: "0")
        let request = OpenSessionRequest(ssoTicket: token, uid: jane.uid, roleProfileID: "555200010001")
        return try portal.open(request, ticket: ticket, user: jane, now: date ?? t0).get().session.cookie
    }

    /// A browser cookie for the session, from a hand-off issued and redeemed at `date`.
    func browserCookie(for cookie: String, in portal: inout PortalService, at date: Date) throws -> String {
        let code = try portal.handoff(cookie: cookie, now: date).get().code
        let signIn = portal.redeemHandoff(code: code, now: date)
        return try #require(signIn).cookie
    }

    @Test("each redeemed code gives a new browser cookie of its own, bound to the kiosk's session")
    func signIn() throws {
        var portal = PortalService(timeouts: timeouts)
        let cookie = try janeSignedIn(into: &portal)
        #expect(portal.sessions[cookie]?.browser.isSignedIn == false)

        let code = try portal.handoff(cookie: cookie, now: t0 + 1).get().code
        let redeemed = portal.redeemHandoff(code: code, now: t0 + 1)
        let signIn = try #require(redeemed)
        #expect(signIn.cookie != cookie)
        #expect(signIn.cookie.count == 64)
        #expect(signIn.session.cookie == cookie)
        let second = try browserCookie(for: cookie, in: &portal, at: t0 + 2)
        #expect(second != signIn.cookie)

        let browser = try #require(portal.sessions[cookie]?.browser)
        #expect(browser.isSignedIn)
        #expect(browser.signIns == 2)
        #expect(browser.firstSignInAt == t0 + 1)
        #expect(try portal.recordPageView(browserCookie: signIn.cookie, now: t0 + 2).get().cookie == cookie)
        #expect(try portal.recordPageView(browserCookie: second, now: t0 + 2).get().cookie == cookie)
    }

    @Test("a page view restarts the idle timer but does not renew the kiosk's lease")
    func pageViewIsUserActivity() throws {
        var portal = PortalService(timeouts: timeouts)
        let cookie = try janeSignedIn(into: &portal)
        let browser = try browserCookie(for: cookie, in: &portal, at: t0 + 1)

        let viewed = try portal.recordPageView(browserCookie: browser, now: t0 + 3).get()
        #expect(viewed.lastActivity == t0 + 3)
        #expect(viewed.lastSeen == t0 + 1)
        #expect(viewed.browser.pageViews == 1)
        #expect(viewed.browser.lastPageViewAt == t0 + 3)

        // Without the page view the idle timer would have run out at t0 + 5.
        _ = try portal.status(cookie: cookie, now: t0 + 3.5).get()
        #expect(try portal.recordPageView(browserCookie: browser, now: t0 + 6).get().browser.pageViews == 2)
        // The kiosk's last call was at t0 + 3.5: its lease ran out at t0 + 6.5 whatever the browser did.
        #expect(portal.recordPageView(browserCookie: browser, now: t0 + 7) == .failure(.sessionEnded(.leaseExpired)))
        #expect(portal.ended[cookie]?.session.browser.pageViews == 2)
    }

    @Test("after the session ends, however it ends, its browser's pages answer session ended with the reason")
    func sessionEnded() throws {
        var loggedOut = PortalService(timeouts: timeouts)
        let kiosk = try janeSignedIn(into: &loggedOut)
        let browser = try browserCookie(for: kiosk, in: &loggedOut, at: t0 + 1)
        loggedOut.logout(cookie: kiosk, reason: "card_removed", now: t0 + 2)
        #expect(loggedOut.recordPageView(browserCookie: browser, now: t0 + 2) == .failure(.sessionEnded(.logout)))
        #expect(loggedOut.ended[kiosk]?.session.browser.isSignedIn == true)
        #expect(loggedOut.ended[kiosk]?.session.browser.pageViews == 0)

        var replaced = PortalService(timeouts: timeouts)
        let first = try janeSignedIn(into: &replaced)
        let firstBrowser = try browserCookie(for: first, in: &replaced, at: t0 + 1)
        _ = try janeSignedIn(into: &replaced, at: t0 + 2)
        #expect(replaced.recordPageView(browserCookie: firstBrowser, now: t0 + 2) == .failure(.sessionEnded(.replaced)))

        var spine = PortalService(timeouts: timeouts)
        let spineSession = try janeSignedIn(into: &spine)
        let spineBrowser = try browserCookie(for: spineSession, in: &spine, at: t0 + 1)
        spine.ticketDestroyed(token, now: t0 + 2)
        #expect(spine.recordPageView(browserCookie: spineBrowser, now: t0 + 2) == .failure(.sessionEnded(.spineLogout)))
    }

    @Test("no cookie, an unknown one, or the kiosk's own is no session")
    func noSession() throws {
        var portal = PortalService(timeouts: timeouts)
        let kiosk = try janeSignedIn(into: &portal)
        for cookie in [nil, "00ff", kiosk] {
            #expect(portal.recordPageView(browserCookie: cookie, now: t0 + 1) == .failure(.noSession))
        }
        #expect(portal.sessions[kiosk]?.lastActivity == t0)
    }

    @Test("a browser cookie is forgotten with its ended session")
    func forgottenWithHistory() throws {
        var portal = PortalService(timeouts: timeouts)
        portal.endedHistoryLimit = 1
        let first = try janeSignedIn(into: &portal)
        let browser = try browserCookie(for: first, in: &portal, at: t0 + 1)
        _ = try janeSignedIn(into: &portal, at: t0 + 2)
        #expect(portal.recordPageView(browserCookie: browser, now: t0 + 2) == .failure(.sessionEnded(.replaced)))
        portal.endSession(uid: jane.uid, reason: .logout, now: t0 + 3)
        #expect(portal.recordPageView(browserCookie: browser, now: t0 + 3) == .failure(.noSession))
        #expect(portal.browserCookies.isEmpty)
    }
}
