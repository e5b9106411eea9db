import Foundation
import GPObject
import Testing
import _CryptoExtras

@testable import KioskNetwork

/// The GAS client against a scripted loopback peer: the bytes it sends, and how it reads answers.
@Suite struct GASClientTests {
    static let ticket = "AQIC5wM2LY4SfcwrRGMHiyxMR3suYWqcF+B1j56GJ4xGut4=@AAJTSQACMDE=#"
    static let challenge = Array(Data(base64Encoded: "MlJN9BVjTdKtTpKrSz3Jvq0sONIAAAFc7yH6TYe8NK6GHS7F7t2tGnmcost76xk7") ?? Data())

    static let activation = CannedAnswer(status: 200, body: """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE USER SYSTEM "https://gas.nis1.national.ncrs.nhs.uk/login/dtd">
        <gpOBJECT>
        <gpPARAM name="gas_version">5.2.7</gpPARAM>
        <gpPARAM name="signature">c2VydmVyLXNpZw==</gpPARAM>
        <gpPARAM name="log_session_id">SiiaFOx6qV</gpPARAM>
        <gpPARAM name="service">ACTIVATION</gpPARAM>
        <gpPARAM name="reply_url">{base}/login/authvalidate-here</gpPARAM>
        <gpPARAM name="challenge">MlJN9BVjTdKtTpKrSz3Jvq0sONIAAAFc7yH6TYe8NK6GHS7F7t2tGnmcost76xk7</gpPARAM>
        </gpOBJECT>
        """)

    static let validation = CannedAnswer(status: 200, body: """
        <?xml version="1.0" encoding="UTF-8"?>
        <gpOBJECT>
        <gpPARAM name="cn">Dr Jane Smith</gpPARAM>
        <gpPARAM name="nhsjobrole1" id="055008642106" orgcode="B81012">STIRLING MEDICAL CENTRE (S KUMAR), "Admin & Clerical":"Management - A & C":"Registration Authority Manager"</gpPARAM>
        <gpPARAM name="nhsjobrole0" id="887389426511" orgcode="B81012">STIRLING MEDICAL CENTRE (S KUMAR), "Admin &amp; Clerical":"Admin":"Demographic Administrator"</gpPARAM>
        <gpPARAM name="sso_ticket">\(ticket)</gpPARAM>
        <gpPARAM name="sso_max_session_time">600</gpPARAM>
        <gpPARAM name="sso_session_time">300</gpPARAM>
        <gpPARAM name="sso_logout_url">{base}/login/authlogout</gpPARAM>
        </gpOBJECT>
        """)

    static let statusOK = CannedAnswer(status: 200, body: "<HTML><STATUS>OK</STATUS></HTML>")

    private func client(_ peer: ServerProcess, environment: GASEnvironment = .test) throws -> GASClient {
        let engine = try HTTPEngine(configuration: .init(userAgent: "cmc-kiosk/1.2.3"))
        return GASClient(baseURL: peer.base + "/", engine: engine, deviceID: "ward7-kiosk-2", clientIP: "10.1.2.3", environment: environment)
    }

    private func challenge(for peer: ServerProcess) -> GASChallenge {
        GASChallenge(
            challenge: Self.challenge, encodedChallenge: "MlJN", serverSignature: "c2Vy",
            replyURL: "\(peer.base)/login/authvalidate", logSessionID: "Ab3dE6gH9j")
    }

    @Test func wholeLoginSendsTheSpecBytes() async throws {
        let peer = try ServerProcess.peer(script: [
            "POST /login/authactivate": Self.activation,
            "POST /login/authvalidate-here": Self.validation,
            "GET /saml/RoleSelectionGP.jsp": Self.statusOK,
            "POST /login/authlogout": Self.statusOK,
        ])
        let gas = try client(peer)
        let card = try TestPKI.sharedCard.get()

        let challenge = try await gas.activate()
        #expect(challenge.challenge == Self.challenge)
        #expect(challenge.replyURL == "\(peer.base)/login/authvalidate-here")
        #expect(challenge.logSessionID.count == 10)
        #expect(challenge.logSessionID.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })

        let login = try await gas.authenticate(
            challenge: challenge, uid: "555123456789", certificateDER: card.der,
            signer: SignedDataTests.signer(key: card.key, challenge: Self.challenge, digest: .sha256))
        #expect("\(login.ticket)" == "SSOTicket(redacted)")
        #expect(login.ticket.value == Self.ticket)
        #expect(login.displayName == "Dr Jane Smith")
        #expect(login.roles.map(\.profileID) == ["887389426511", "055008642106"])
        #expect(login.roles.map(\.jobRole) == ["Demographic Administrator", "Registration Authority Manager"])
        #expect(login.logoutURL == "\(peer.base)/login/authlogout")
        #expect(login.sessionTime == "300")
        #expect(login.maxSessionTime == "600")

        try await gas.selectRole(login.roles[1], for: login)
        try await gas.logout(login)

        let requests = try peer.recordedRequests()
        #expect(requests.map { "\($0.method) \($0.path.split(separator: "?")[0])" } == [
            "POST /login/authactivate", "POST /login/authvalidate-here", "GET /saml/RoleSelectionGP.jsp", "POST /login/authlogout",
        ])
        for request in requests {
            #expect(request.header("User-Agent") == "cmc-kiosk/1.2.3")
        }
        for request in requests where request.method == "POST" {
            #expect(request.header("Content-Type") == "text/xml")
        }
        let id = challenge.logSessionID
        #expect(requests[0].bodyText == """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE USER SYSTEM "gpOBJECT.DTD">
            <gpOBJECT>
            <gpPARAM name="auth_method">3</gpPARAM>
            <gpPARAM name="app_url">NHST</gpPARAM>
            <gpPARAM name="log_session_id">\(id)</gpPARAM>
            <gpPARAM name="device_id">ward7-kiosk-2,ClientIP=10.1.2.3</gpPARAM>
            <gpPARAM name="service">ACTIVATION</gpPARAM>
            </gpOBJECT>

            """)

        let sent = try GPObject(parsing: requests[1].bodyBytes)
        let response = try #require(sent.parameters.last { $0.name == "response" })
        #expect(response.attributes == [.init(name: "encoding", value: "base64")])
        #expect(requests[1].bodyText == """
            <gpOBJECT>
            <gpPARAM name="auth_method">3</gpPARAM>
            <gpPARAM name="app_url">NHST</gpPARAM>
            <gpPARAM name="log_session_id">\(id)</gpPARAM>
            <gpPARAM name="device_id">ward7-kiosk-2,ClientIP=10.1.2.3</gpPARAM>
            <gpPARAM name="service">AUTHENTICATION</gpPARAM>
            <gpPARAM name="challenge">MlJN9BVjTdKtTpKrSz3Jvq0sONIAAAFc7yH6TYe8NK6GHS7F7t2tGnmcost76xk7</gpPARAM>
            <gpPARAM name="signature">c2VydmVyLXNpZw==</gpPARAM>
            <gpPARAM name="uid">555123456789</gpPARAM>
            <gpPARAM name="card_type">p11</gpPARAM>
            <gpPARAM name="response" encoding="base64">\(response.value)</gpPARAM>
            <gpPARAM name="mobility">0</gpPARAM>
            </gpOBJECT>

            """)
        // The response is base64(MIME(base64(CMS))); the referee checks the CMS inside.
        let mime = String(decoding: Data(base64Encoded: response.value) ?? Data(), as: UTF8.self)
        let parts = mime.components(separatedBy: "\r\n\r\n")
        #expect(parts.count == 2)
        #expect(parts[0].hasPrefix("MIME-Version: 1.0\r\n"))
        let lines = parts[1].components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.dropLast().allSatisfy { $0.count == 64 })
        let der = try #require(Data(base64Encoded: lines.joined()))
        let verified = try SignedDataTests.opensslVerify(Array(der), trust: nil)
        #expect(verified.status == 0, "\(verified.error)")
        #expect(verified.content == Self.challenge)

        #expect(requests[2].path == "/saml/RoleSelectionGP.jsp?token=AQIC5wM2LY4SfcwrRGMHiyxMR3suYWqcF%2BB1j56GJ4xGut4%3D%40AAJTSQACMDE%3D%23&selectedRoleUid=055008642106&ssbMode=0&fallbackStatus=0")

        #expect(requests[3].bodyText == """
            <gpOBJECT>
            <gpPARAM name="service">LOGOUT</gpPARAM>
            <gpPARAM name="sso_ticket">\(Self.ticket)</gpPARAM>
            <gpPARAM name="log_session_id">\(id)</gpPARAM>
            <gpPARAM name="device_id">ward7-kiosk-2,ClientIP=10.1.2.3</gpPARAM>
            <gpPARAM name="uid">555123456789</gpPARAM>
            </gpOBJECT>

            """)
    }

    @Test func eachLoginAttemptHasANewLogSessionID() async throws {
        let peer = try ServerProcess.peer(script: ["POST /login/authactivate": Self.activation])
        let gas = try client(peer)
        let first = try await gas.activate()
        let second = try await gas.activate()
        #expect(first.logSessionID != second.logSessionID)
    }

    @Test func activationFallsBackToTheDefaultReplyURL() async throws {
        let body = Self.activation.body.replacingOccurrences(of: "{base}/login/authvalidate-here", with: "")
        let peer = try ServerProcess.peer(script: ["POST /login/authactivate": CannedAnswer(status: 200, body: body)])
        #expect(try await client(peer).activate().replyURL == "\(peer.base)/login/authvalidate")
    }

    static let rejections: [(String, GASRejection)] = [
        ("AUTHENTICATION_FAILED", .authenticationFailed), ("USER_NOT_VALID", .userNotValid),
        ("AUTH_NOT_VALID", .authNotValid), ("AUTHDATA_SYNTAX_ERROR", .authDataSyntaxError),
        ("AUTHSERVER_NOT_AVAILABLE", .authServerNotAvailable), ("SOMETHING_NEW", .other(code: "SOMETHING_NEW")),
    ]

    @Test(arguments: rejections, [200, 403])
    func mapsEveryErrorCode(_ rejection: (code: String, kind: GASRejection), status: Int) async throws {
        let peer = try ServerProcess.peer(script: [
            "POST /login/authvalidate": CannedAnswer(status: status, body: """
                <gpOBJECT><gpPARAM name="error">\(rejection.code)</gpPARAM>
                <gpPARAM name="error_description">Tom & Jerry &amp; co</gpPARAM></gpOBJECT>
                """)
        ])
        let card = try TestPKI.sharedCard.get()
        await #expect {
            _ = try await client(peer).authenticate(
                challenge: challenge(for: peer), uid: "555123456789", certificateDER: card.der,
                signer: SignedDataTests.signer(key: card.key, challenge: Self.challenge, digest: .sha256))
        } throws: { error in
            guard case .rejected(let kind, let description) = error as? GASError else { return false }
            return kind == rejection.kind && description == "Tom & Jerry & co"
        }
    }

    static let malformed: [(CannedAnswer, String)] = [
        (CannedAnswer(status: 200, body: "<html><body>Service Unavailable</body></html>"), "malformed: not a gpOBJECT"),
        (CannedAnswer(status: 200, body: #"<gpOBJECT><gpPARAM name="sso_ticket">AQIC"#), "malformed: truncated gpOBJECT"),
        (CannedAnswer(status: 200, body: #"<gpOBJECT><gpPARAM name="cn">X</gpPARAM></gpOBJECT>"#), "malformed: no sso_ticket"),
        (CannedAnswer(status: 200, body: ""), "malformed: not a gpOBJECT"),
        (CannedAnswer(status: 502, body: "<html>Bad Gateway</html>"), "status 502"),
        (CannedAnswer(status: 500, body: #"<gpOBJECT><gpPARAM name="x">y</gpPARAM></gpOBJECT>"#), "status 500"),
    ]

    @Test(arguments: malformed)
    func malformedAnswersAreTypedErrors(_ answer: CannedAnswer, expected: String) async throws {
        let peer = try ServerProcess.peer(script: ["POST /login/authvalidate": answer])
        let card = try TestPKI.sharedCard.get()
        await #expect {
            _ = try await client(peer).authenticate(
                challenge: challenge(for: peer), uid: "555123456789", certificateDER: card.der,
                signer: SignedDataTests.signer(key: card.key, challenge: Self.challenge, digest: .sha256))
        } throws: { error in
            switch error as? GASError {
            case .malformedResponse(let reason): return "malformed: \(reason)" == expected
            case .unexpectedStatus(let status): return "status \(status)" == expected
            default: return false
            }
        }
    }

    @Test func activationWithoutAChallengeIsMalformed() async throws {
        let peer = try ServerProcess.peer(script: [
            "POST /login/authactivate": CannedAnswer(status: 200, body: #"<gpOBJECT><gpPARAM name="challenge">!!not base64!!</gpPARAM><gpPARAM name="signature">s</gpPARAM></gpOBJECT>"#)
        ])
        await #expect {
            _ = try await client(peer).activate()
        } throws: { error in
            if case .malformedResponse("no challenge") = error as? GASError { return true }
            return false
        }
    }

    @Test func aUserWithoutRolesIsValid() async throws {
        let peer = try ServerProcess.peer(script: [
            "POST /login/authvalidate": CannedAnswer(status: 200, body: #"<gpOBJECT><gpPARAM name="sso_ticket">T</gpPARAM><gpPARAM name="cn">No Roles</gpPARAM></gpOBJECT>"#)
        ])
        let card = try TestPKI.sharedCard.get()
        let login = try await client(peer).authenticate(
            challenge: challenge(for: peer), uid: "555123456789", certificateDER: card.der,
            signer: SignedDataTests.signer(key: card.key, challenge: Self.challenge, digest: .sha256))
        #expect(login.roles.isEmpty)
        #expect(login.displayName == "No Roles")
        #expect(login.logoutURL == "\(peer.base)/login/authlogout")
    }

    @Test func aFailingCardIsASigningError() async throws {
        let peer = try ServerProcess.peer()
        let card = try TestPKI.sharedCard.get()
        await #expect {
            _ = try await client(peer).authenticate(
                challenge: challenge(for: peer), uid: "555123456789", certificateDER: card.der
            ) { _ in throw SignedDataTests.SignerError.cardRemoved }
        } throws: { error in
            guard case .signingFailed(let underlying) = error as? GASError else { return false }
            return underlying as? SignedDataTests.SignerError == .cardRemoved
        }
        #expect(try peer.recordedRequests().isEmpty)
    }

    @Test func roleSelectionNeedsStatusOKAndUsesSSBModeOneInTraining() async throws {
        let login = SpineAuthentication(
            ticket: SSOTicket("T+1"), uid: "1", displayName: "", roles: [], logoutURL: "", sessionTime: nil,
            maxSessionTime: nil, logSessionID: "x")
        let role = SpineRole(profileID: "012", organisationCode: "", organisationName: "", area: "", subArea: "", jobRole: "")

        let ok = try ServerProcess.peer(script: ["GET /saml/RoleSelectionGP.jsp": Self.statusOK])
        try await client(ok, environment: .training).selectRole(role, for: login)
        #expect(try ok.recordedRequests().first?.path == "/saml/RoleSelectionGP.jsp?token=T%2B1&selectedRoleUid=012&ssbMode=1&fallbackStatus=0")

        let refused = try ServerProcess.peer(script: [
            "GET /saml/RoleSelectionGP.jsp": CannedAnswer(status: 200, body: "<HTML><STATUS>FAILED</STATUS></HTML>")
        ])
        await #expect {
            try await client(refused).selectRole(role, for: login)
        } throws: { error in
            if case .roleSelectionFailed(status: 200) = error as? GASError { return true }
            return false
        }
        let broken = try ServerProcess.peer(script: ["GET /saml/RoleSelectionGP.jsp": CannedAnswer(status: 500, body: "<STATUS>OK</STATUS>")])
        await #expect {
            try await client(broken).selectRole(role, for: login)
        } throws: { error in
            if case .roleSelectionFailed(status: 500) = error as? GASError { return true }
            return false
        }
    }

    @Test func logoutNeedsStatusOK() async throws {
        let peer = try ServerProcess.peer(script: ["POST /login/authlogout": CannedAnswer(status: 200, body: "<HTML>ERROR</HTML>")])
        let login = SpineAuthentication(
            ticket: SSOTicket("T"), uid: "1", displayName: "", roles: [], logoutURL: "\(peer.base)/login/authlogout",
            sessionTime: nil, maxSessionTime: nil, logSessionID: "x")
        await #expect {
            try await client(peer).logout(login)
        } throws: { error in
            if case .logoutFailed(status: 200) = error as? GASError { return true }
            return false
        }
    }

    @Test func transportFailuresAreWrapped() async throws {
        let gas = GASClient(
            baseURL: "http://gas.example.org", engine: try HTTPEngine(), deviceID: "d", clientIP: "1", environment: .live)
        await #expect {
            _ = try await gas.activate()
        } throws: { error in
            if case .transport(.insecureURLRefused) = error as? GASError { return true }
            return false
        }
    }

    @Test func environmentsHaveTheSpecURLs() {
        #expect(GASEnvironment.live.defaultBaseURL == "https://gas.national.ncrs.nhs.uk")
        #expect(GASEnvironment.test.defaultBaseURL == "https://gas.vn03.national.ncrs.nhs.uk")
        #expect(GASEnvironment.training.defaultBaseURL == "https://gas.tsp.national.ncrs.nhs.uk")
        #expect(GASEnvironment.demo.defaultBaseURL == nil)
    }
}
