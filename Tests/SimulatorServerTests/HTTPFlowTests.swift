import GPObject
import Foundation
import Simulator
import Testing

@Suite("HTTP: GAS and portal over real loopback sockets, driven by curl")
struct HTTPFlowTests {
    let jane = "555100000001"
    let janeRole = "555200010002"

    @Test("a whole sign-in, session and sign-out leaves nothing behind")
    func wholeFlow() async throws {
        try await SimulatorHarness.with { sim in

            let validation = try await sim.authenticate(uid: jane)
            let ticket = try #require(validation["sso_ticket"])
            #expect(validation["cn"] == "Dr Jane Smith")
            #expect(validation.parameters.filter { $0.name.hasPrefix("nhsjobrole") }.count == 3)
            #expect(validation["sso_logout_url"] == "\(sim.base)/login/authlogout")

            let selection = try await sim.selectRole(ticket: ticket, roleID: janeRole)
            #expect(selection.status == 200)
            #expect(selection.text.contains("<STATUS>OK</STATUS>"))
            let assertion = try await sim.curl.get("\(sim.base)/saml/RoleAssertion?token=\(ticket.queryEncoded)")
            #expect(assertion.text.contains(#"Value="samlp:Success""#))
            #expect(assertion.text.contains("<saml:AttributeValue>\(janeRole)</saml:AttributeValue>"))

            let opened = try await sim.openSession(ticket: ticket, uid: jane, roleID: janeRole)
            #expect(opened.status == 201)
            let cookie = try #require(opened.headers["set-cookie"])
            #expect(cookie.hasPrefix("CMCSESSION="))
            #expect(cookie.hasSuffix("; Secure; HttpOnly; Path=/"))
            #expect(opened.headers["content-type"] == "application/json")
            let body = opened.json
            #expect(body["replaced_session"] as? Bool == false)
            #expect(body["idle_timeout_seconds"] as? Int == 900)
            #expect(body["warning_seconds"] as? Int == 120)
            #expect(body["absolute_timeout_seconds"] as? Int == 43_200)
            #expect(body["lease_seconds"] as? Int == 60)
            #expect(body["portal_url"] as? String == "\(sim.base)/")
            let user = try #require(body["user"] as? [String: Any])
            #expect(user["uid"] as? String == jane)
            #expect(user["display_name"] as? String == "Dr Jane Smith")
            #expect(user["cmc_role"] as? String == "Clinician")
            let sessionID = try #require(body["session_id"] as? String)

            let current = try await sim.curl.get("\(sim.base)/api/smartcard/sessions/current")
            #expect(current.status == 200)
            #expect(current.json["session_id"] as? String == sessionID)
            #expect(current.json["state"] as? String == "active")
            #expect((current.json["idle_remaining_seconds"] as? Int ?? 0) > 890)
            #expect(try await sim.curl.request("POST", "\(sim.base)/api/smartcard/sessions/current/keepalive").status == 200)

            let handoff = try await sim.curl.request("POST", "\(sim.base)/api/smartcard/sessions/current/handoff")
            #expect(handoff.json["expires_in"] as? Int == 30)
            let handoffURL = try #require(handoff.json["url"] as? String)
            #expect(handoffURL.hasPrefix("\(sim.base)/sso/handoff?code="))
            #expect(try await sim.curl.get(handoffURL).status == 303)
            #expect(try await sim.curl.get(handoffURL).status == 410)

            let status = try await sim.status()
            let portal = try #require(status["portal"] as? [String: Any])
            let sessions = try #require(portal["sessions"] as? [[String: Any]])
            #expect(sessions.count == 1)
            #expect(sessions.first?["uid"] as? String == jane)
            #expect(sessions.first?["role_profile_id"] as? String == janeRole)
            for key in ["created", "last_seen", "idle_deadline", "lease_deadline", "absolute_deadline"] {
                #expect(sessions.first?[key] is String, "\(key)")
            }
            let tickets = try #require((status["gas"] as? [String: Any])?["tickets"] as? [[String: Any]])
            #expect(tickets.first?["selected_role"] as? String == janeRole)
            #expect(!String(decoding: try JSONSerialization.data(withJSONObject: status), as: UTF8.self).contains(ticket),
                    "the status endpoint never shows a whole ticket")

            let logout = try await sim.curl.request(
                "DELETE", "\(sim.base)/api/smartcard/sessions/current", body: #"{"reason": "card_removed"}"#,
                contentType: "application/json")
            #expect(logout.status == 204)
            #expect(try await sim.curl.request("DELETE", "\(sim.base)/api/smartcard/sessions/current").status == 204)
            let ended = try await sim.curl.get("\(sim.base)/api/smartcard/sessions/current")
            #expect(ended.status == 401)
            #expect(ended.json["error"] as? String == "session_ended")
            #expect(ended.json["reason"] as? String == "logout")

            let logoutBody = SimulatorHarness.gpObject([
                ("service", "LOGOUT"), ("sso_ticket", ticket), ("log_session_id", "Ab3dE6gH9j"),
                ("device_id", "ward7-kiosk-2,ClientIP=127.0.0.1"), ("uid", jane),
            ])
            #expect(try await sim.curl.postXML("\(sim.base)/login/authlogout", logoutBody).text.contains("<STATUS>OK</STATUS>"))
            #expect(try await sim.curl.postXML("\(sim.base)/login/authlogout", logoutBody).text.contains("<STATUS>OK</STATUS>"))
            let gone = try await sim.curl.get("\(sim.base)/saml/RoleAssertion?token=\(ticket.queryEncoded)")
            #expect(!gone.text.contains("samlp:Success"))
            #expect(gone.text.contains("samlp:StatusCode"))

            let after = try await sim.status()
            #expect(((after["portal"] as? [String: Any])?["sessions"] as? [Any])?.isEmpty == true)
            #expect(((after["gas"] as? [String: Any])?["tickets"] as? [Any])?.isEmpty == true)
            let endedSessions = try #require((after["portal"] as? [String: Any])?["ended_sessions"] as? [[String: Any]])
            #expect(endedSessions.first?["reason"] as? String == "logout")
            #expect(endedSessions.first?["logout_reason"] as? String == "card_removed")
        }
    }

    @Test("logout by GET with the gpOBJECT body, as one public client sends it")
    func logoutByGET() async throws {
        try await SimulatorHarness.with { sim in
            let ticket = try await sim.signIn(uid: jane, roleID: janeRole)
            let tickets = try #require((try await sim.status()["gas"] as? [String: Any])?["tickets"] as? [[String: Any]])
            #expect(tickets.first?["smime_quirks"] as? [String] == [], "the spec's S/MIME form")
            let body = SimulatorHarness.gpObject([("service", "LOGOUT"), ("sso_ticket", ticket)])
            let logout = try await sim.curl.request("GET", "\(sim.base)/login/authlogout", body: body)
            #expect(logout.status == 200)
            #expect(logout.text.contains("<STATUS>OK</STATUS>"))
            #expect(((try await sim.status()["gas"] as? [String: Any])?["tickets"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("GAS errors come back as gpOBJECT error parameters")
    func gasErrors() async throws {
        try await SimulatorHarness.with { sim in

            let garbage = try await sim.curl.postXML("\(sim.base)/login/authvalidate", "this is not xml")
            #expect(garbage.status == 400)
            #expect(try GPObject(parsing: garbage.text)["error"] == "AUTHDATA_SYNTAX_ERROR")
            let wrongUID = try await sim.authenticate(uid: jane, claimedUID: "555100000002")
            #expect(wrongUID["error"] == "AUTHENTICATION_FAILED")
            #expect(wrongUID["error_description"]?.isEmpty == false)
            #expect(try await sim.authenticate(uid: "555199999999")["error"] == "USER_NOT_VALID")

            let unknown = try await sim.selectRole(ticket: "AQIC5wM2LY4Snope@AAJTSQACMDE=#", roleID: janeRole)
            #expect(!unknown.text.contains("<STATUS>OK</STATUS>"))
            let ticket = try #require(await sim.authenticate(uid: jane)["sso_ticket"])
            let notHeld = try await sim.selectRole(ticket: ticket, roleID: "555200020001")
            #expect(notHeld.status == 403)
            #expect(!notHeld.text.contains("<STATUS>OK</STATUS>"))
        }
    }

    @Test("the role texts reach the client with a bare &, as in the field")
    func bareAmpersand() async throws {
        try await SimulatorHarness.with { sim in
            let validation = try await sim.curl.postXML("\(sim.base)/login/authactivate", "<gpOBJECT></gpOBJECT>")
            #expect(validation.headers["content-type"]?.hasPrefix("text/xml") == true)
            let challenge = try GPObject(parsing: validation.text)
            let challengeText = try #require(challenge["challenge"])
            let bytes = try #require(Data(base64Encoded: challengeText))
            #expect(bytes.count == 48)
            let answer = try await sim.authenticate(uid: "555100000004")
            #expect(answer.parameters.filter { $0.name.hasPrefix("nhsjobrole") }.count == 8)
            #expect(answer.parameters.contains { $0.value.hasPrefix("GUY'S & ST THOMAS' NHS FOUNDATION TRUST, ") })
        }
    }

    @Test("portal refusals: bad_request, invalid_ticket, uid_not_registered, no_cmc_role")
    func portalErrors() async throws {
        try await SimulatorHarness.with { sim in
            let sessions = "\(sim.base)/api/smartcard/sessions"

            let malformed = try await sim.curl.postJSON(sessions, "{not json")
            #expect(malformed.status == 400)
            #expect(malformed.json["error"] as? String == "bad_request")
            #expect(malformed.json["message"] is String)
            let missing = try await sim.curl.postJSON(sessions, #"{"uid": "555100000001"}"#)
            #expect(missing.json["error"] as? String == "bad_request")

            let unknown = try await sim.openSession(ticket: "AQIC5wM2LY4Snope@AAJTSQACMDE=#", uid: jane, roleID: janeRole)
            #expect(unknown.status == 401)
            #expect(unknown.json["error"] as? String == "invalid_ticket")
            let unselected = try #require(await sim.authenticate(uid: jane)["sso_ticket"])
            #expect(try await sim.openSession(ticket: unselected, uid: jane, roleID: janeRole).json["error"] as? String == "invalid_ticket")

            let mark = try await sim.signIn(uid: "555100000005", roleID: "555200050001")
            let notRegistered = try await sim.openSession(ticket: mark, uid: "555100000005", roleID: "555200050001")
            #expect(notRegistered.status == 403)
            #expect(notRegistered.json["error"] as? String == "uid_not_registered")
            #expect((notRegistered.json["message"] as? String)?.contains("555100000005") == true)

            let pat = try await sim.signIn(uid: "555100000010", roleID: "555200100001")
            let noRole = try await sim.openSession(ticket: pat, uid: "555100000010", roleID: "555200100001")
            #expect(noRole.status == 403)
            #expect(noRole.json["error"] as? String == "no_cmc_role")

            let noCookie = try await Curl().get("\(sessions)/current")
            #expect(noCookie.status == 401)
        }
    }

    @Test("a second session replaces the first, which then answers session_ended replaced")
    func replacement() async throws {
        try await SimulatorHarness.with { sim in
            let firstKiosk = sim.curl
            let secondKiosk = try Curl()
            let first = try await sim.signIn(uid: jane, roleID: janeRole)
            #expect(try await sim.openSession(ticket: first, uid: jane, roleID: janeRole).status == 201)

            let otherSim = SimulatorHarness(base: sim.base, curl: secondKiosk)
            let second = try await otherSim.signIn(uid: jane, roleID: "555200010001")
            let opened = try await otherSim.openSession(ticket: second, uid: jane, roleID: "555200010001")
            #expect(opened.json["replaced_session"] as? Bool == true)

            let old = try await firstKiosk.get("\(sim.base)/api/smartcard/sessions/current")
            #expect(old.status == 401)
            #expect(old.json["reason"] as? String == "replaced")
            #expect(try await secondKiosk.get("\(sim.base)/api/smartcard/sessions/current").status == 200)
        }
    }

    @Test("the background sweep ends a silent session at its lease, visible in the status endpoint")
    func leaseSweep() async throws {
        let timeouts = PortalTimeouts(idle: 30, warning: 5, absolute: 60, lease: 1)
        try await SimulatorHarness.with(timeouts: timeouts, sweepInterval: 0.2) { sim in
            let ticket = try await sim.signIn(uid: jane, roleID: janeRole)
            let opened = try await sim.openSession(ticket: ticket, uid: jane, roleID: janeRole)
            #expect(opened.json["lease_seconds"] as? Int == 1)
            try await Task.sleep(for: .milliseconds(1_600))

            // Read through the in-process state without touching the session (curl's status call is /_sim).
            let status = try await sim.status()
            let portal = try #require(status["portal"] as? [String: Any])
            #expect((portal["sessions"] as? [Any])?.isEmpty == true)
            let ended = try #require(portal["ended_sessions"] as? [[String: Any]])
            #expect(ended.first?["reason"] as? String == "lease_expired")
            let current = try await sim.curl.get("\(sim.base)/api/smartcard/sessions/current")
            #expect(current.json["reason"] as? String == "lease_expired")
        }
    }

    @Test("the portal's own end and Spine logout end a session with their reasons")
    func portalSideEnd() async throws {
        try await SimulatorHarness.with { sim in
            let ticket = try await sim.signIn(uid: jane, roleID: janeRole)
            #expect(try await sim.openSession(ticket: ticket, uid: jane, roleID: janeRole).status == 201)
            let end = try await sim.curl.postJSON("\(sim.base)/_sim/sessions/end", #"{"uid": "\#(jane)", "reason": "idle_timeout"}"#)
            #expect(end.json["ended"] as? Bool == true)
            let current = try await sim.curl.get("\(sim.base)/api/smartcard/sessions/current")
            #expect(current.json["reason"] as? String == "idle_timeout")

            let again = try await sim.signIn(uid: jane, roleID: janeRole)
            #expect(try await sim.openSession(ticket: again, uid: jane, roleID: janeRole).status == 201)
            _ = try await sim.curl.postXML("\(sim.base)/login/authlogout", SimulatorHarness.gpObject([("service", "LOGOUT"), ("sso_ticket", again)]))
            #expect(try await sim.curl.get("\(sim.base)/api/smartcard/sessions/current").json["reason"] as? String == "spine_logout")
            #expect(try await sim.curl.postJSON("\(sim.base)/_sim/sessions/end", #"{"uid": 5}"#).status == 400)
        }
    }

    @Test("HTTPS with the given certificate and key; an untrusted client refuses it")
    func tls() async throws {
        try await SimulatorHarness.with(tls: true) { sim in
            #expect(sim.base.hasPrefix("https://127.0.0.1:"))
            let status = try await sim.curl.get("\(sim.base)/_sim/status")
            #expect(status.exitCode == 0)
            #expect(status.status == 200)
            let ticket = try await sim.signIn(uid: jane, roleID: janeRole)
            #expect(try await sim.openSession(ticket: ticket, uid: jane, roleID: janeRole).status == 201)
            #expect(try await sim.curl.get("\(sim.base)/api/smartcard/sessions/current").status == 200)
            let untrusted = try await Curl().get("\(sim.base)/_sim/status")
            #expect(untrusted.exitCode == 60)
        }
    }
}
