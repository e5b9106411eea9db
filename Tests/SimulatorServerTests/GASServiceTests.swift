import GPObject
import Foundation
import Testing
import X509
@testable import Simulator

@Suite("GAS: challenges, validation, tickets, role selection")
struct GASServiceTests {
    let pki = TestPKI.shared
    // Within the test certificates' validity: from their making (just before) for 30 days.
    let t0 = Date() + 60

    func makeGAS(users: [SpineUser] = DemoUsers.all, ttl: TimeInterval = 120) throws -> GASService {
        GASService(
            directory: try UserDirectory(users), verifier: ChallengeResponseVerifier(trustAnchors: [try pki.caCertificate]),
            challengeTTL: ttl)
    }

    /// A validation request answering `challenge` with a card for `cardUID`, claiming `uid`.
    func request(_ challenge: Challenge, cardUID: String = "555100000001", uid: String? = nil) async throws -> AuthValidateRequest {
        let card = try await pki.card(uid: cardUID)
        return AuthValidateRequest(
            challenge: challenge.base64, serverSignature: challenge.serverSignature, uid: uid ?? cardUID,
            response: try await pki.response(signing: challenge.bytes, with: card), logSessionID: "Ao9qufl+uA", deviceID: "kiosk")
    }

    @Test("activation issues fresh 48-byte challenges")
    func activation() async throws {
        var gas = try makeGAS()
        let first = gas.activate(now: t0)
        let second = gas.activate(now: t0)
        #expect(first.bytes.count == 48)
        #expect(first.bytes != second.bytes)
        #expect(first.serverSignature != second.serverSignature)
        #expect(gas.outstandingChallengeCount == 2)
    }

    @Test("a correct answer opens an SSO ticket")
    func success() async throws {
        var gas = try makeGAS()
        let challenge = gas.activate(now: t0)
        let login = try gas.validate(await request(challenge), now: t0 + 5).get()
        #expect(login.user.displayName == "Dr Jane Smith")
        #expect(login.ticket.uid == "555100000001")
        #expect(login.ticket.token.hasPrefix("AQIC5wM2LY4S"))
        #expect(login.ticket.token.hasSuffix("@AAJTSQACMDE=#"))
        #expect(gas.ticket(login.ticket.token) == login.ticket)
        #expect(gas.outstandingChallengeCount == 0)
    }

    @Test("a challenge answers once: a replay is AUTH_NOT_VALID")
    func replay() async throws {
        var gas = try makeGAS()
        let challenge = gas.activate(now: t0)
        let request = try await request(challenge)
        _ = try gas.validate(request, now: t0).get()
        #expect(gas.validate(request, now: t0 + 1) == .failure(GASFailure(.authNotValid, "the challenge has already been used")))
    }

    @Test("an expired challenge is AUTH_NOT_VALID")
    func expired() async throws {
        var gas = try makeGAS(ttl: 2)
        let challenge = gas.activate(now: t0)
        let request = try await request(challenge)
        let result = gas.validate(request, now: t0 + 2.5)
        #expect(result.failureCode == .authNotValid)
    }

    @Test("a challenge this server never issued is AUTH_NOT_VALID")
    func notIssued() async throws {
        var gas = try makeGAS()
        var other = try makeGAS()
        let foreign = other.activate(now: t0)
        let request = try await request(foreign)
        #expect(gas.validate(request, now: t0).failureCode == .authNotValid)
    }

    @Test("a wrong echoed server signature is AUTH_NOT_VALID")
    func wrongServerSignature() async throws {
        var gas = try makeGAS()
        let challenge = gas.activate(now: t0)
        var request = try await request(challenge)
        request.serverSignature = "AAAA"
        #expect(gas.validate(request, now: t0).failureCode == .authNotValid)
    }

    @Test("a uid that is not the certificate's CN is AUTHENTICATION_FAILED")
    func wrongUID() async throws {
        var gas = try makeGAS()
        let challenge = gas.activate(now: t0)
        let request = try await request(challenge, cardUID: "555100000001", uid: "555100000002")
        let result = gas.validate(request, now: t0)
        #expect(result == .failure(GASFailure(.authenticationFailed, "uid does not match the certificate's subject")))
    }

    @Test("content other than the echoed challenge is AUTHENTICATION_FAILED")
    func otherContent() async throws {
        var gas = try makeGAS()
        let signed = gas.activate(now: t0)
        let echoed = gas.activate(now: t0)
        var request = try await request(signed)
        request.challenge = echoed.base64
        request.serverSignature = echoed.serverSignature
        #expect(gas.validate(request, now: t0) == .failure(GASFailure(.authenticationFailed, "the signed content is not the challenge")))
    }

    @Test("an unknown or suspended user is USER_NOT_VALID")
    func userNotValid() async throws {
        var suspended = DemoUsers.all[1]
        suspended.isSuspended = true
        var gas = try makeGAS(users: [DemoUsers.all[0], suspended])
        let first = gas.activate(now: t0)
        let unknown = try await request(first, cardUID: "555199999999")
        #expect(gas.validate(unknown, now: t0).failureCode == .userNotValid)
        let second = gas.activate(now: t0)
        let suspendedRequest = try await request(second, cardUID: suspended.uid)
        #expect(gas.validate(suspendedRequest, now: t0).failureCode == .userNotValid)
    }

    @Test("missing parameters or undecodable data are AUTHDATA_SYNTAX_ERROR")
    func syntax() async throws {
        var gas = try makeGAS()
        let challenge = gas.activate(now: t0)
        let good = try await request(challenge)
        var noUID = good
        noUID.uid = nil
        var badChallenge = good
        badChallenge.challenge = "***"
        var badResponse = good
        badResponse.response = "bm90IG1pbWU="
        for request in [noUID, badChallenge, badResponse] {
            #expect(gas.validate(request, now: t0).failureCode == .authDataSyntaxError)
        }
    }

    @Test("role selection accepts the user's roles only; logout is idempotent")
    func ticketLifecycle() async throws {
        var gas = try makeGAS()
        let challenge = gas.activate(now: t0)
        let login = try gas.validate(await request(challenge), now: t0).get()
        let token = login.ticket.token
        #expect(gas.selectRole(token: token, roleID: "555200020001", ssbMode: "0") == .failure(.roleNotHeld))
        #expect(gas.selectRole(token: "AQIC-unknown", roleID: "555200010001", ssbMode: "0") == .failure(.unknownTicket))
        let selected = try gas.selectRole(token: token, roleID: "555200010002", ssbMode: "1").get()
        #expect(selected.selectedRoleID == "555200010002")
        #expect(gas.ticket(token)?.ssbMode == "1")
        #expect(gas.logout(token: token) != nil)
        #expect(gas.logout(token: token) == nil)
        #expect(gas.ticket(token) == nil)
    }

    @Test("the authenticated answer carries roles with a bare & and the role text format")
    func authenticatedMessage() async throws {
        var gas = try makeGAS()
        let challenge = gas.activate(now: t0)
        let login = try gas.validate(await request(challenge), now: t0).get()
        let text = GASMessages.authenticated(login, baseURL: "https://127.0.0.1:1").xml(prolog: true)
        #expect(text.contains(
            #"<gpPARAM name="nhsjobrole1" id="555200010002" orgcode="RJ1">GUY'S & ST THOMAS' NHS FOUNDATION TRUST, "Clinical":"Clinical Provision":"Health Professional Access Role"</gpPARAM>"#))
        let parsed = try GPObject(parsing: text)
        #expect(parsed["sso_ticket"] == login.ticket.token)
        #expect(parsed["cn"] == "Dr Jane Smith")
        #expect(parsed["sso_logout_url"] == "https://127.0.0.1:1/login/authlogout")
        #expect(parsed["sso_session_time"] == "600")
        #expect(parsed["sso_max_session_time"] == "600")
    }

    @Test("the role assertion names the selected role and every role block")
    func roleAssertion() async throws {
        var gas = try makeGAS()
        let challenge = gas.activate(now: t0)
        let login = try gas.validate(await request(challenge), now: t0).get()
        let ticket = try gas.selectRole(token: login.ticket.token, roleID: "555200010003", ssbMode: "0").get()
        let xml = RoleAssertion.success(ticket: ticket, user: login.user, now: t0, recipient: "127.0.0.1")
        #expect(xml.contains(#"<samlp:StatusCode Value="samlp:Success"/>"#))
        let attribute = { (name: String, value: String) in
            #"<saml:Attribute AttributeName="\#(name)" AttributeNamespace="http://www.syntegra.com"><saml:AttributeValue>\#(value)</saml:AttributeValue></saml:Attribute>"#
        }
        #expect(xml.contains(attribute("ssbSessionRoleUid", "555200010003")))
        #expect(xml.contains(attribute("uid", "555100000001")))
        #expect(xml.contains(attribute("cn", "Dr Jane Smith")))
        #expect(xml.contains(attribute("ssbMode", "0")))
        #expect(xml.contains(attribute("o", "GUY'S &amp; ST THOMAS' NHS FOUNDATION TRUST")))
        #expect(xml.contains(attribute("nhsJobRole", #""Clinical":"Clinical Provision":"Clinical Practitioner Access Role""#)))
        #expect(xml.components(separatedBy: "AttributeName=\"nhsIdCode\"").count == 4)
        #expect(xml.components(separatedBy: "AttributeName=\"uniqueIdentifier\"").count == 4)
        #expect(xml.components(separatedBy: "AttributeName=\"nhsJobRoleCode\"").count == 4)
        #expect(RoleAssertion.failure(now: t0, recipient: "x").contains(#"Value="samlp:Requester""#))
    }
}

extension Result where Failure == GASFailure {
    var failureCode: GASFailure.Code? {
        if case .failure(let failure) = self { return failure.code }
        return nil
    }
}
