import Foundation
import PKCS1
import enum Simulator.DemoUsers
import Testing

@testable import KioskNetwork

/// The GAS client against the project's simulator over HTTPS on loopback, through libcurl.
@Suite struct GASClientTests {
    @Test func wholeLoginWithTheDemoCard() async throws {
        try await LiveSimulator.with { simulator in
            let card = try DemoCard("several-roles.json")
            let gas = simulator.gas()
            let challenge = try await gas.activate()
            #expect(challenge.challenge.count == 48)
            #expect(challenge.replyURL == "\(simulator.base)/login/authvalidate")
            #expect(challenge.logSessionID.count == 10)
            #expect(challenge.logSessionID.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
            #expect(try await gas.activate().logSessionID != challenge.logSessionID, "a new id for each attempt")

            let login = try await gas.authenticate(
                challenge: challenge, uid: card.uid, certificateDER: card.certificateDER, signer: card.signer)
            #expect("\(login.ticket)" == "SSOTicket(redacted)")
            #expect(login.ticket.value.hasPrefix("AQIC5wM2LY4S") && login.ticket.value.hasSuffix("@AAJTSQACMDE=#"))
            #expect(login.uid == "555100000001")
            #expect(login.displayName == "Dr Jane Smith")
            #expect(login.roles.map(\.profileID) == ["555200010001", "555200010002", "555200010003"])
            #expect(login.roles[1].organisationName == "GUY'S & ST THOMAS' NHS FOUNDATION TRUST")
            #expect(login.roles[1].organisationCode == "RJ1")
            #expect(login.roles[1].jobRole == "Health Professional Access Role")
            #expect(login.logoutURL == "\(simulator.base)/login/authlogout")
            #expect(login.sessionTime == "600")
            #expect(login.maxSessionTime == "600")

            try await gas.selectRole(login.roles[1], for: login)
            let tickets = try await simulator.status().gas.tickets
            #expect(tickets.map(\.uid) == ["555100000001"])
            #expect(tickets.first?.selectedRole == "555200010002")
            #expect(tickets.first?.smimeQuirks == [], "the kiosk writes the spec's S/MIME form")

            // Role assertion (what the portal asks Spine): the ticket, its user and the chosen role.
            let assertionURL = "\(simulator.base)/saml/RoleAssertion?token=\(GASClient.queryEncoded(login.ticket.value))"
            let assertion = try await simulator.get(assertionURL)
            #expect(assertion.text.contains("samlp:Success"))
            #expect(assertion.text.contains("555200010002"))
            #expect(assertion.text.contains("555100000001"))

            try await gas.logout(login)
            try await gas.logout(login)  // idempotent
            #expect(try await simulator.status().gas.tickets.isEmpty)
            let refused = try await simulator.get(assertionURL)
            #expect(!refused.text.contains("samlp:Success"))
        }
    }

    /// The CMS built for a simulator's challenge, checked by the independent referee against the
    /// demo CA; the same structure, wrapped in S/MIME, is what validation sends.
    @Test func theCMSVerifiesWithOpenSSLAgainstTheDemoCA() async throws {
        try await LiveSimulator.with { simulator in
            let card = try DemoCard("several-roles.json")
            let challenge = try await simulator.gas().activate()
            let der = try await SignedDataBuilder.build(
                challenge: challenge.challenge, certificateDER: card.certificateDER, digest: .sha256, signer: card.signer)
            let verified = try SignedDataTests.opensslVerify(der, trust: DemoCard.caFile)
            #expect(verified.status == 0, "\(verified.error)")
            #expect(verified.content == challenge.challenge)

            // The `response` parameter is base64(MIME(base64(CMS))).
            let mime = String(decoding: Data(base64Encoded: SMIMEEnvelope.responseValue(for: der)) ?? Data(), as: UTF8.self)
            let parts = mime.components(separatedBy: "\r\n\r\n")
            #expect(parts.count == 2)
            let lines = parts[1].components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.dropLast().allSatisfy { $0.count == 64 })
            #expect(Data(base64Encoded: lines.joined()).map(Array.init) == der)
        }
    }

    /// SHA-1 is the default, as every public client sends; SHA-256 is the configurable option.
    @Test(arguments: [SignatureDigest.sha1, .sha256])
    func eitherDigestSignsIn(_ digest: SignatureDigest) async throws {
        try await LiveSimulator.with(tls: false) { simulator in
            let card = try DemoCard("one-role.json")
            let gas = simulator.gas()
            let login = try await gas.authenticate(
                challenge: try await gas.activate(), uid: card.uid, certificateDER: card.certificateDER, digest: digest,
                signer: card.signer)
            #expect(login.roles.count == 1)
        }
    }

    /// A well-formed answer is read whatever its label, and the label is kept.
    @Test func anAnswerIsReadWhateverItsContentType() async throws {
        try await LiveSimulator.with { simulator in
            let gas = simulator.gas()
            #expect(try await gas.activate().contentType == "text/xml; charset=UTF-8")
            try await simulator.inject(["path_prefix": "/login/", "action": "wrong_content_type", "times": 2])
            let challenge = try await gas.activate()
            #expect(challenge.contentType == "text/html; charset=UTF-8")
            let card = try DemoCard("one-role.json")
            let login = try await gas.authenticate(
                challenge: challenge, uid: card.uid, certificateDER: card.certificateDER, signer: card.signer)
            #expect(login.contentType == "text/html; charset=UTF-8")
            #expect(login.roles.count == 1)
        }
    }

    @Test func aUserWithoutRolesIsValid() async throws {
        try await LiveSimulator.with(tls: false) { simulator in
            let login = try await simulator.authenticate(try DemoCard("zero-roles.json"))
            #expect(login.roles.isEmpty)
            #expect(login.displayName == "Dr Siân Llewelyn-Jones")
            #expect(!login.ticket.value.isEmpty)
        }
    }

    // MARK: Every error code, for its real reason

    private static func rejection(_ error: any Error) -> GASRejection? {
        guard case .rejected(let kind, let description) = error as? GASError, !description.isEmpty else { return nil }
        return kind
    }

    @Test func aBadSignatureOrTheWrongCardIsAuthenticationFailed() async throws {
        try await LiveSimulator.with { simulator in
            let card = try DemoCard("several-roles.json")
            let gas = simulator.gas()
            let forged: SignedDataBuilder.Signer = { message in
                var signature = try await card.signer(message)
                signature[signature.count / 2] ^= 0x01
                return signature
            }
            await #expect {
                _ = try await gas.authenticate(
                    challenge: try await gas.activate(), uid: card.uid, certificateDER: card.certificateDER, signer: forged)
            } throws: { Self.rejection($0) == .authenticationFailed }

            let other = try DemoCard("one-role.json")
            await #expect {
                _ = try await gas.authenticate(
                    challenge: try await gas.activate(), uid: card.uid, certificateDER: other.certificateDER,
                    signer: other.signer)
            } throws: { Self.rejection($0) == .authenticationFailed }
        }
    }

    @Test func anUnknownOrSuspendedUserIsUserNotValid() async throws {
        var users = DemoUsers.all.filter { $0.uid != "555100000002" }
        if let index = users.firstIndex(where: { $0.uid == "555100000001" }) { users[index].isSuspended = true }
        try await LiveSimulator.with(users: users) { simulator in
            for persona in ["one-role.json", "several-roles.json"] {
                await #expect {
                    _ = try await simulator.authenticate(try DemoCard(persona))
                } throws: { Self.rejection($0) == .userNotValid }
            }
        }
    }

    @Test func aReplayedChallengeIsAuthNotValid() async throws {
        try await LiveSimulator.with { simulator in
            let card = try DemoCard("one-role.json")
            let gas = simulator.gas()
            let challenge = try await gas.activate()
            _ = try await gas.authenticate(challenge: challenge, uid: card.uid, certificateDER: card.certificateDER, signer: card.signer)
            await #expect {
                _ = try await gas.authenticate(
                    challenge: challenge, uid: card.uid, certificateDER: card.certificateDER, signer: card.signer)
            } throws: { Self.rejection($0) == .authNotValid }
        }
    }

    @Test func anExpiredChallengeIsAuthNotValid() async throws {
        try await LiveSimulator.with(challengeTTL: 1) { simulator in
            let card = try DemoCard("one-role.json")
            let gas = simulator.gas()
            let stale = try await gas.activate()
            try await Task.sleep(for: .milliseconds(1500))
            await #expect {
                _ = try await gas.authenticate(challenge: stale, uid: card.uid, certificateDER: card.certificateDER, signer: card.signer)
            } throws: { Self.rejection($0) == .authNotValid }
        }
    }

    @Test func aMissingUIDIsAuthDataSyntaxError() async throws {
        try await LiveSimulator.with { simulator in
            let card = try DemoCard("one-role.json")
            let gas = simulator.gas()
            await #expect {
                _ = try await gas.authenticate(challenge: try await gas.activate(), uid: "", certificateDER: card.certificateDER, signer: card.signer)
            } throws: { Self.rejection($0) == .authDataSyntaxError }
        }
    }

    @Test func anUnavailableServerIsAuthServerNotAvailable() async throws {
        try await LiveSimulator.with { simulator in
            let card = try DemoCard("one-role.json")
            let gas = simulator.gas()
            try await simulator.inject(["path_prefix": "/login/authactivate", "action": "gas_unavailable", "times": 1])
            await #expect { _ = try await gas.activate() } throws: { Self.rejection($0) == .authServerNotAvailable }

            let challenge = try await gas.activate()
            try await simulator.inject(["path_prefix": "/login/authvalidate", "action": "gas_unavailable", "status": 503, "times": 1])
            await #expect {
                _ = try await gas.authenticate(challenge: challenge, uid: card.uid, certificateDER: card.certificateDER, signer: card.signer)
            } throws: { Self.rejection($0) == .authServerNotAvailable }
        }
    }

    @Test(arguments: [
        ("AUTHENTICATION_FAILED", GASRejection.authenticationFailed), ("USER_NOT_VALID", .userNotValid),
        ("AUTH_NOT_VALID", .authNotValid), ("AUTHDATA_SYNTAX_ERROR", .authDataSyntaxError),
        ("AUTHSERVER_NOT_AVAILABLE", .authServerNotAvailable), ("SOMETHING_NEW", .other(code: "SOMETHING_NEW")),
    ])
    func codesMapToTheirRejection(_ code: String, expected: GASRejection) {
        #expect(GASRejection(code: code) == expected)
    }

    // MARK: Role selection and logout

    @Test func roleSelectionNeedsALiveTicketAndAHeldRole() async throws {
        try await LiveSimulator.with { simulator in
            let gas = simulator.gas(environment: .training)
            let login = try await simulator.authenticate(try DemoCard("several-roles.json"), gas: gas)
            try await gas.selectRole(login.roles[2], for: login)
            let assertion = try await simulator.get(
                "\(simulator.base)/saml/RoleAssertion?token=\(GASClient.queryEncoded(login.ticket.value))")
            #expect(assertion.text.contains(#"AttributeName="ssbMode" AttributeNamespace="http://www.syntegra.com"><saml:AttributeValue>1<"#))

            let notHeld = SpineRole(
                profileID: "555200020001", organisationCode: "", organisationName: "", area: "", subArea: "", jobRole: "")
            do {
                try await gas.selectRole(notHeld, for: login)
                Issue.record("a role the user does not hold was selected")
            } catch {
                guard case .roleSelectionFailed(status: 403) = error as? GASError else { throw error }
            }
            try await gas.logout(login)
            do {
                try await gas.selectRole(login.roles[0], for: login)
                Issue.record("a logged-out ticket selected a role")
            } catch {
                guard case .roleSelectionFailed(status: 401) = error as? GASError else { throw error }
            }
        }
    }

    @Test func logoutNeedsStatusOK() async throws {
        try await LiveSimulator.with { simulator in
            let nothing = SpineAuthentication(
                ticket: SSOTicket(""), uid: "1", displayName: "", roles: [], logoutURL: "\(simulator.base)/login/authlogout",
                sessionTime: nil, maxSessionTime: nil, logSessionID: "x", contentType: nil)
            do {
                try await simulator.gas().logout(nothing)
                Issue.record("an empty ticket was logged out")
            } catch {
                guard case .logoutFailed(status: 200) = error as? GASError else { throw error }
            }
        }
    }

    @Test func aFailingCardIsASigningErrorAndNothingIsSent() async throws {
        try await LiveSimulator.with { simulator in
            let card = try DemoCard("one-role.json")
            let gas = simulator.gas()
            let challenge = try await gas.activate()
            await #expect {
                _ = try await gas.authenticate(challenge: challenge, uid: card.uid, certificateDER: card.certificateDER) { _ in
                    throw SignedDataTests.SignerError.cardRemoved
                }
            } throws: { error in
                guard case .signingFailed(let underlying) = error as? GASError else { return false }
                return underlying as? SignedDataTests.SignerError == .cardRemoved
            }
            let status = try await simulator.status()
            #expect(status.gas.outstandingChallenges == 1, "the challenge was never answered")
            #expect(status.gas.tickets.isEmpty)
        }
    }

    // MARK: Broken answers

    static let brokenActivations: [([String: any Sendable], String)] = [
        (["action": "malformed_body"], "malformed"),
        (["action": "malformed_body", "status": 502], "status 502"),
        (["status": 500], "status 500"),
        (["action": "truncated_body"], "truncated"),
        (["action": "oversized_body"], "too large"),
        (["action": "drop_connection"], "dropped"),
    ]

    @Test(arguments: brokenActivations.indices)
    func brokenAnswersAreTypedErrors(_ index: Int) async throws {
        let (fault, expected) = Self.brokenActivations[index]
        try await LiveSimulator.with { simulator in
            try await simulator.inject(fault.merging(["path_prefix": "/login/authactivate", "times": 1]) { $1 })
            await #expect {
                _ = try await simulator.gas().activate()
            } throws: { error in
                switch error as? GASError {
                case .malformedResponse: expected == "malformed"
                case .unexpectedStatus(let status): expected == "status \(status)"
                case .transport(.responseTruncated): expected == "truncated"
                case .transport(.responseTooLarge): expected == "too large"
                case .transport(.connectionDropped): expected == "dropped"
                default: false
                }
            }
            _ = try await simulator.gas().activate()  // the client goes on working
        }
    }

    @Test("role selection and logout succeed only on a STATUS of OK", arguments: [
        ("<HTML><STATUS>OK</STATUS></HTML>\n", true),
        ("<HTML><STATUS>INVALID_TOKEN</STATUS></HTML>\n", false),
        (#"<gpOBJECT><gpPARAM name="error">AUTH_NOT_VALID</gpPARAM></gpOBJECT>"#, false),
        ("<HTML><TITLE>OK</TITLE><STATUS>INVALID_ROLE</STATUS></HTML>", false),
        ("<HTML><STATUS>INVALID_TOKEN</STATUS><!-- <STATUS>OK</STATUS> --></HTML>", false),
    ])
    func reportsOK(_ body: String, isOK: Bool) {
        #expect(GASClient.reportsOK(Array(body.utf8)) == isOK)
    }

    @Test func plainHTTPBeyondLoopbackIsRefused() async throws {
        let gas = GASClient(
            baseURL: "http://gas.example.org", engine: try HTTPEngine(), deviceID: "d", clientIP: "1", environment: .live)
        await #expect {
            _ = try await gas.activate()
        } throws: { error in
            if case .transport(.insecureURLRefused(host: "gas.example.org")) = error as? GASError { return true }
            return false
        }
    }
}
