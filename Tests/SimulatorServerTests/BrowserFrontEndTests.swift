import Foundation
import Simulator
import Testing

@Suite("HTTP: the portal's web pages behind the hand-off, with curl as the browser")
struct BrowserFrontEndTests {
    let jane = "555100000001"
    let janeRole = "555200010002"

    /// Jane's kiosk session, opened by `sim.curl`; returns its `CMCSESSION` value.
    func openJanesSession(_ sim: SimulatorHarness) async throws -> String {
        let ticket = try await sim.signIn(uid: jane, roleID: janeRole)
        let opened = try await sim.openSession(ticket: ticket, uid: jane, roleID: janeRole)
        return try #require(Self.cookieValue(opened.headers["set-cookie"], named: "CMCSESSION"))
    }

    /// A browser of its own (an empty cookie jar), signed in with a fresh hand-off of Jane's session.
    func signedInBrowser(_ sim: SimulatorHarness) async throws -> Curl {
        let browser = try Curl()
        #expect(try await browser.get(try await sim.handoffURL()).status == 303)
        return browser
    }

    static func cookieValue(_ setCookie: String?, named name: String) -> String? {
        guard let setCookie, setCookie.hasPrefix(name + "=") else { return nil }
        return setCookie.dropFirst(name.count + 1).split(separator: ";").first.map(String.init)
    }

    static func browserRecord(_ session: [String: Any]?) -> [String: Any] {
        session?["browser"] as? [String: Any] ?? [:]
    }

    @Test("a hand-off URL sets the browser's own Secure cookie and redirects to the patient list, once")
    func redeem() async throws {
        try await SimulatorHarness.with(tls: true) { sim in
            let kioskCookie = try await openJanesSession(sim)
            let url = try await sim.handoffURL()
            let browser = try Curl(caFile: sim.pki.ca.certificatePath)

            let redeemed = try await browser.get(url)
            #expect(redeemed.status == 303)
            #expect(redeemed.headers["location"] == "/cmc/patients")
            #expect(redeemed.headers["cache-control"] == "no-store")
            let setCookie = try #require(redeemed.headers["set-cookie"])
            #expect(setCookie.hasSuffix("; Secure; HttpOnly; SameSite=Strict; Path=/"))
            let browserCookie = try #require(Self.cookieValue(setCookie, named: "CMCBROWSER"))
            #expect(browserCookie.count == 64)
            #expect(browserCookie != kioskCookie)
            #expect(redeemed.text.contains(#"<a href="/cmc/patients">"#), "a way on for a client that does not redirect")
            #expect(try await browser.get("\(sim.base)/cmc/patients").status == 200)

            let again = try await browser.get(url)
            #expect(again.status == 410)
            #expect(again.text.contains("This sign-in link has expired or was already used."))
            #expect(again.headers["set-cookie"] == nil)
            let stranger = try Curl(caFile: sim.pki.ca.certificatePath)
            #expect(try await stranger.get("\(sim.base)/sso/handoff?code=0123").status == 410)
            #expect(try await stranger.get("\(sim.base)/sso/handoff").status == 410)
        }
    }

    @Test("over plain HTTP on loopback the cookie is not Secure, so that a browser sends it back")
    func plainHTTPCookie() async throws {
        try await SimulatorHarness.with { sim in
            _ = try await openJanesSession(sim)
            let browser = try Curl()
            let redeemed = try await browser.get(try await sim.handoffURL())
            let setCookie = try #require(redeemed.headers["set-cookie"])
            #expect(setCookie.hasPrefix("CMCBROWSER="))
            #expect(setCookie.hasSuffix("; HttpOnly; SameSite=Strict; Path=/"))
            #expect(!setCookie.contains("Secure"))
            #expect(try await browser.get("\(sim.base)/cmc/patients").status == 200)
        }
    }

    @Test("the patient list names the signed-in user and links every synthetic patient")
    func patientList() async throws {
        try await SimulatorHarness.with { sim in
            _ = try await openJanesSession(sim)
            let browser = try await signedInBrowser(sim)

            let list = try await browser.get("\(sim.base)/cmc/patients")
            #expect(list.status == 200)
            #expect(list.headers["content-type"] == "text/html; charset=UTF-8")
            #expect(list.headers["cache-control"] == "no-store")
            #expect(list.text.contains("<h1>CMC: Dr Jane Smith (Clinician)</h1>"))
            #expect(list.text.contains("<title>Patients - CMC</title>"))
            #expect(list.text.contains("Synthetic test data: every patient and care plan here is fictional."))
            #expect(!list.text.contains("<script"))
            for patient in SyntheticPatient.all {
                #expect(list.text.contains(#"<a href="/cmc/patients/\#(patient.id)">\#(patient.name)</a>"#))
                #expect(list.text.contains("<td>\(patient.nhsNumber)</td>"))
                #expect(list.text.contains("<td>\(patient.resuscitation.summary)</td>"))
            }
        }
    }

    @Test("each care plan page shows the plan's summary, escaped, under the user's name")
    func carePlans() async throws {
        try await SimulatorHarness.with { sim in
            _ = try await openJanesSession(sim)
            let browser = try await signedInBrowser(sim)

            for patient in SyntheticPatient.all {
                let plan = try await browser.get("\(sim.base)/cmc/patients/\(patient.id)")
                #expect(plan.status == 200)
                #expect(plan.text.contains("<h1>CMC: Dr Jane Smith (Clinician)</h1>"))
                #expect(plan.text.contains(#"<a href="/cmc/patients">Patients</a>"#))
                #expect(plan.text.contains("Synthetic test data"))
                #expect(plan.text.contains("<td>\(patient.nhsNumber)</td>"))
                #expect(plan.text.contains("<strong>\(patient.resuscitation.summary)</strong>"))
                #expect(plan.text.contains(patient.preferredPlaceOfCare.htmlEscaped))
                for contact in patient.keyContacts {
                    #expect(plan.text.contains(
                        "<li>\(contact.name.htmlEscaped), \(contact.relationship): \(contact.telephone)</li>"))
                }
            }
            let careHome = try await browser.get("\(sim.base)/cmc/patients/1004")
            #expect(careHome.text.contains("Rose &amp; Crown Care Home"))
            #expect(!careHome.text.contains("Rose & Crown"))

            let missing = try await browser.get("\(sim.base)/cmc/patients/999")
            #expect(missing.status == 404)
            #expect(missing.text.contains("There is no patient with this record number."))
            #expect(missing.text.contains("Dr Jane Smith"))
        }
    }

    @Test("without the browser's cookie every page says not signed in, the kiosk's own cookie too")
    func notSignedIn() async throws {
        try await SimulatorHarness.with { sim in
            _ = try await openJanesSession(sim)
            let pages = ["\(sim.base)/cmc/patients", "\(sim.base)/cmc/patients/1001", "\(sim.base)/cmc/patients/999"]
            let forged = try Curl()
            for page in pages {
                for client in [try Curl(), sim.curl] {
                    let answer = try await client.get(page)
                    #expect(answer.status == 403, "\(page)")
                    #expect(answer.text.contains("You are not signed in to CMC."))
                    #expect(!answer.text.contains("Dr Jane Smith"))
                    #expect(!answer.text.contains("EXAMPLE"))
                }
                let answer = try await forged.request("GET", page, extra: ["-H", "Cookie: CMCBROWSER=00ff"])
                #expect(answer.status == 403)
            }
        }
    }

    @Test("after the kiosk's logout every page says the session ended; the status shows the browser throughout")
    func sessionEndedByLogout() async throws {
        try await SimulatorHarness.with { sim in
            _ = try await openJanesSession(sim)
            let before = try #require((try await sim.status()["portal"] as? [String: Any])?["sessions"] as? [[String: Any]])
            #expect(Self.browserRecord(before.first)["signed_in"] as? Bool == false)
            #expect(Self.browserRecord(before.first)["page_views"] as? Int == 0)
            #expect(Self.browserRecord(before.first)["first_sign_in_at"] == nil)

            let browser = try await signedInBrowser(sim)
            let signedIn = try #require((try await sim.status()["portal"] as? [String: Any])?["sessions"] as? [[String: Any]])
            let lastSeen = try #require(signedIn.first?["last_seen"] as? String)
            let lastActivity = try #require(signedIn.first?["last_activity"] as? String)
            #expect(Self.browserRecord(signedIn.first)["signed_in"] as? Bool == true)
            #expect(Self.browserRecord(signedIn.first)["sign_ins"] as? Int == 1)
            #expect(Self.browserRecord(signedIn.first)["first_sign_in_at"] is String)
            #expect(Self.browserRecord(signedIn.first)["page_views"] as? Int == 0)

            try await Task.sleep(for: .milliseconds(20))
            #expect(try await browser.get("\(sim.base)/cmc/patients").status == 200)
            #expect(try await browser.get("\(sim.base)/cmc/patients/1003").status == 200)
            let browsing = try #require((try await sim.status()["portal"] as? [String: Any])?["sessions"] as? [[String: Any]])
            let browsed = Self.browserRecord(browsing.first)
            #expect(browsed["page_views"] as? Int == 2)
            #expect(browsed["last_page_view_at"] as? String == browsing.first?["last_activity"] as? String)
            #expect((browsing.first?["last_activity"] as? String ?? "") > lastActivity, "a page view restarts the idle timer")
            #expect(browsing.first?["last_seen"] as? String == lastSeen, "a page view does not renew the kiosk's lease")

            let logout = try await sim.curl.request(
                "DELETE", "\(sim.base)/api/smartcard/sessions/current", body: #"{"reason": "card_removed"}"#,
                contentType: "application/json")
            #expect(logout.status == 204)
            for page in ["\(sim.base)/cmc/patients", "\(sim.base)/cmc/patients/1003", "\(sim.base)/cmc/patients/999"] {
                let answer = try await browser.get(page)
                #expect(answer.status == 410, "\(page)")
                #expect(answer.text.contains("Your CMC session has ended"))
                #expect(answer.text.contains("the smartcard was removed"))
                #expect(!answer.text.contains("SPECIMEN"))
            }

            let portal = try #require(try await sim.status()["portal"] as? [String: Any])
            #expect((portal["sessions"] as? [Any])?.isEmpty == true)
            let ended = try #require(portal["ended_sessions"] as? [[String: Any]])
            #expect(ended.first?["reason"] as? String == "logout")
            #expect(Self.browserRecord(ended.first)["signed_in"] as? Bool == true)
            #expect(Self.browserRecord(ended.first)["page_views"] as? Int == 2, "pages refused after the end are not views")
        }
    }

    @Test("the portal's own end of a session ends the browser's pages, with its reason escaped")
    func sessionEndedByPortal() async throws {
        try await SimulatorHarness.with { sim in
            _ = try await openJanesSession(sim)
            let browser = try await signedInBrowser(sim)
            #expect(try await browser.get("\(sim.base)/cmc/patients").status == 200)
            let reason = "maintenance & <upgrade>"
            _ = try await sim.curl.postJSON("\(sim.base)/_sim/sessions/end", #"{"uid": "\#(jane)", "reason": "\#(reason)"}"#)
            let ended = try await browser.get("\(sim.base)/cmc/patients")
            #expect(ended.status == 410)
            #expect(ended.text.contains("Your CMC session has ended: the portal gave the reason maintenance &amp; &lt;upgrade&gt;."))
            #expect(try await sim.curl.get("\(sim.base)/api/smartcard/sessions/current").json["reason"] as? String == reason)
        }
    }
}

extension String {
    /// As the pages write text: `&`, `<` and `>` escaped.
    var htmlEscaped: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
