import FoundationEssentials
import GPObject
import KioskCore
import PKCS1

/// The kiosk's client for NHS Spine GAS (`spec/spine-gas.md`): activation, the signed answer
/// to the challenge, role selection and logout.
public struct GASClient: Sendable {
    public let baseURL: String
    public let environment: KioskEnvironment
    private let engine: HTTPEngine
    /// `{device id},ClientIP={ip}`, as every step sends it.
    let deviceParameter: String

    /// - Parameters:
    ///   - baseURL: the GAS base URL, the configuration's `endpoints.gas_url`.
    ///   - deviceID: the kiosk's device id; `clientIP`: its IP address, both sent to Spine.
    ///   - environment: decides `ssbMode` for role selection.
    public init(baseURL: String, engine: HTTPEngine, deviceID: String, clientIP: String, environment: KioskEnvironment) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.engine = engine
        self.environment = environment
        deviceParameter = "\(deviceID),ClientIP=\(clientIP)"
    }

    /// Step 1: asks for a challenge, starting a login attempt with a new `log_session_id`.
    public func activate() async throws(GASError) -> GASChallenge {
        let logSessionID = Self.makeLogSessionID()
        let request = GASRequests.activation(logSessionID: logSessionID, device: deviceParameter)
        let answer = try await exchange(request.xml(prolog: true), url: "\(baseURL)/login/authactivate")
        guard let encoded = answer["challenge"]?.trimmingSpaces, !encoded.isEmpty,
            let challenge = Data(base64Encoded: encoded.filter { !$0.isWhitespace }), !challenge.isEmpty
        else { throw .malformedResponse("no challenge") }
        guard let signature = answer["signature"] else { throw .malformedResponse("no signature") }
        let replyURL = answer["reply_url"]?.trimmingSpaces ?? ""
        return GASChallenge(
            challenge: Array(challenge), encodedChallenge: encoded, serverSignature: signature,
            replyURL: replyURL.isEmpty ? "\(baseURL)/login/authvalidate" : replyURL, logSessionID: logSessionID)
    }

    /// Steps 2 and 3: has the card sign the challenge, sends the CMS answer, and returns the
    /// ticket, the display name and the roles.
    ///
    /// - Parameters:
    ///   - uid: the 12-digit user id, the CN of the card certificate's subject.
    ///   - certificateDER: the card's authentication certificate as read from the card.
    ///   - digest: SHA-256 unless a legacy server needs SHA-1.
    ///   - signer: signs a PKCS#1 v1.5 DigestInfo with the card's key.
    public func authenticate(
        challenge: GASChallenge, uid: String, certificateDER: [UInt8], digest: SignatureDigest = .sha256,
        signer: SignedDataBuilder.Signer
    ) async throws(GASError) -> SpineAuthentication {
        let signedData: [UInt8]
        do {
            signedData = try await SignedDataBuilder.build(
                challenge: challenge.challenge, certificateDER: certificateDER, digest: digest, signer: signer)
        } catch {
            switch error {
            case .invalidCertificate: throw .invalidCertificate
            case .signerFailed(let underlying): throw .signingFailed(underlying)
            case .emptySignature: throw .signingFailed(error)
            }
        }
        let request = GASRequests.validation(
            challenge: challenge, uid: uid, response: SMIMEEnvelope.responseValue(for: signedData), device: deviceParameter)
        let answer = try await exchange(request.xml(), url: challenge.replyURL)
        guard let ticket = answer["sso_ticket"]?.trimmingSpaces, !ticket.isEmpty else {
            throw .malformedResponse("no sso_ticket")
        }
        let logoutURL = answer["sso_logout_url"]?.trimmingSpaces ?? ""
        return SpineAuthentication(
            ticket: SSOTicket(ticket), uid: uid, displayName: answer["cn"]?.trimmingSpaces ?? "",
            roles: SpineRole.roles(in: answer),
            logoutURL: logoutURL.isEmpty ? "\(baseURL)/login/authlogout" : logoutURL,
            sessionTime: answer["sso_session_time"], maxSessionTime: answer["sso_max_session_time"],
            logSessionID: challenge.logSessionID)
    }

    /// Step 4: selects `role` for the ticket's session.
    public func selectRole(_ role: SpineRole, for authentication: SpineAuthentication) async throws(GASError) {
        let response = try await send(HTTPRequest(method: .get, url: roleSelectionURL(role, for: authentication)))
        guard response.status == 200, Self.reportsOK(response.body) else {
            throw .roleSelectionFailed(status: response.status)
        }
    }

    /// Step 4's URL: the ticket and role id percent-encoded.
    func roleSelectionURL(_ role: SpineRole, for authentication: SpineAuthentication) -> String {
        let query = [
            "token=\(Self.queryEncoded(authentication.ticket.value))",
            "selectedRoleUid=\(Self.queryEncoded(role.profileID))",
            "ssbMode=\(environment.ssbMode)",
            "fallbackStatus=0",
        ].joined(separator: "&")
        return "\(baseURL)/saml/RoleSelectionGP.jsp?\(query)"
    }

    /// Step 5: destroys the ticket. Succeeds too when the ticket is already gone.
    public func logout(_ authentication: SpineAuthentication) async throws(GASError) {
        let request = GASRequests.logout(authentication, device: deviceParameter)
        let response = try await send(Self.xmlRequest(request.xml(), url: authentication.logoutURL))
        guard Self.reportsOK(response.body) else { throw .logoutFailed(status: response.status) }
    }

    // MARK: Exchange

    /// Posts a gpOBJECT and reads the gpOBJECT answer, turning an `error` parameter into
    /// `GASError.rejected`.
    private func exchange(_ xml: String, url: String) async throws(GASError) -> GPObject {
        let response = try await send(Self.xmlRequest(xml, url: url))
        let answer: GPObject
        do {
            answer = try GPObject(parsing: response.body)
        } catch {
            guard response.status == 200 else { throw .unexpectedStatus(response.status) }
            throw .malformedResponse(error == .truncated ? "truncated gpOBJECT" : "not a gpOBJECT")
        }
        if let type = response.headers.value(named: "Content-Type"), !Self.isXML(type) {
            throw .malformedResponse("not XML: \(type)")
        }
        if let code = answer["error"]?.trimmingSpaces, !code.isEmpty {
            throw .rejected(GASRejection(code: code), description: answer["error_description"] ?? "")
        }
        guard response.status == 200 else { throw .unexpectedStatus(response.status) }
        return answer
    }

    /// A gpOBJECT POST.
    static func xmlRequest(_ xml: String, url: String) -> HTTPRequest {
        HTTPRequest(
            method: .post, url: url, headers: [HTTPHeader(name: "Content-Type", value: "text/xml")],
            body: Array(xml.utf8))
    }

    private func send(_ request: HTTPRequest) async throws(GASError) -> HTTPResponse {
        do {
            return try await engine.send(request)
        } catch {
            throw .transport(error)
        }
    }

    // MARK: Helpers

    /// `text/xml`, `application/xml` or any `+xml` type, parameters ignored. An HTML page or JSON
    /// carrying a gpOBJECT-looking body is what a proxy or a misrouted request sends, not GAS.
    static func isXML(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";").first?.trimmingSpaces.lowercased() ?? ""
        return mediaType == "text/xml" || mediaType == "application/xml" || mediaType.hasSuffix("+xml")
    }

    /// Whether a role selection or logout answer's `STATUS` element says `OK`.
    static func reportsOK(_ body: [UInt8]) -> Bool {
        GASStatus(parsing: body)?.isOK == true
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    static func queryEncoded(_ value: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        for byte in value.utf8 {
            if unreserved.contains(byte) {
                encoded.append(byte)
            } else {
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// RFC 3986's unreserved characters: letters, digits, `-`, `.`, `_` and `~`.
    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    /// 10 random alphanumerics, new for each login attempt.
    static func makeLogSessionID() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<10).map { _ in alphabet.randomElement(using: &generator) ?? "A" })
    }
}
