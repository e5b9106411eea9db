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
    /// What role selection reports as `gacVersion`.
    let gacVersion: String

    /// - Parameters:
    ///   - baseURL: the GAS base URL, the configuration's `endpoints.gas_url`.
    ///   - engine: sends every request; its User-Agent also gives role selection's `gacVersion`.
    ///   - deviceID: the kiosk's device id; `clientIP`: its IP address, both sent to Spine.
    ///   - environment: decides `ssbMode` for role selection.
    public init(baseURL: String, engine: HTTPEngine, deviceID: String, clientIP: String, environment: KioskEnvironment) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.engine = engine
        self.environment = environment
        deviceParameter = "\(deviceID),ClientIP=\(clientIP)"
        gacVersion = Self.gacVersion(userAgent: engine.configuration.userAgent)
    }

    /// Step 1: asks for a challenge, starting a login attempt with a new `log_session_id`.
    public func activate() async throws(GASError) -> GASChallenge {
        let logSessionID = Self.makeLogSessionID()
        let request = GASRequests.activation(logSessionID: logSessionID, device: deviceParameter)
        let answer = try await exchange(request, url: "\(baseURL)/login/authactivate")
        guard let encoded = answer.object["challenge"]?.trimmingSpaces, !encoded.isEmpty,
            let challenge = Data(base64Encoded: encoded.filter { !$0.isWhitespace }), !challenge.isEmpty
        else { throw .malformedResponse("no challenge") }
        guard let signature = answer.object["signature"] else { throw .malformedResponse("no signature") }
        return GASChallenge(
            challenge: Array(challenge), encodedChallenge: encoded, serverSignature: signature,
            replyURL: gasURL(offered: answer.object["reply_url"], otherwise: "/login/authvalidate"),
            logSessionID: logSessionID, contentType: answer.contentType)
    }

    /// Steps 2 and 3: has the card sign the challenge, sends the CMS answer, and returns the
    /// ticket, the display name and the roles.
    ///
    /// - Parameters:
    ///   - uid: the 12-digit user id, the CN of the card certificate's subject.
    ///   - certificateDER: the card's authentication certificate as read from the card.
    ///   - digest: SHA-1, as every public GAS client sends, unless the configuration asks for SHA-256.
    ///   - signer: signs a PKCS#1 v1.5 DigestInfo with the card's key.
    public func authenticate(
        challenge: GASChallenge, uid: String, certificateDER: [UInt8], digest: SignatureDigest = .sha1,
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
        let answer = try await exchange(request, url: challenge.replyURL)
        guard let ticket = answer.object["sso_ticket"]?.trimmingSpaces, !ticket.isEmpty else {
            throw .malformedResponse("no sso_ticket")
        }
        return SpineAuthentication(
            ticket: SSOTicket(ticket), uid: uid, displayName: answer.object["cn"]?.trimmingSpaces ?? "",
            roles: SpineRole.roles(in: answer.object),
            logoutURL: gasURL(offered: answer.object["sso_logout_url"], otherwise: "/login/authlogout"),
            sessionTime: answer.object["sso_session_time"], maxSessionTime: answer.object["sso_max_session_time"],
            logSessionID: challenge.logSessionID, contentType: answer.contentType)
    }

    /// Step 4: selects `role` for the ticket's session.
    public func selectRole(_ role: SpineRole, for authentication: SpineAuthentication) async throws(GASError) {
        let response = try await send(HTTPRequest(method: .get, url: roleSelectionURL(role, for: authentication)))
        guard response.status == 200, Self.reportsOK(response.body) else {
            throw .roleSelectionFailed(status: response.status)
        }
    }

    /// Step 5: destroys the ticket. Succeeds too when the ticket is already gone.
    public func logout(_ authentication: SpineAuthentication) async throws(GASError) {
        let request = GASRequests.logout(authentication, device: deviceParameter)
        let response = try await send(Self.xmlRequest(request, url: authentication.logoutURL))
        guard Self.reportsOK(response.body) else { throw .logoutFailed(status: response.status) }
    }

    // MARK: Exchange

    /// Posts a gpOBJECT and reads the gpOBJECT answer, turning an `error` parameter into
    /// `GASError.rejected`. The answer is read whatever its `Content-Type` (the public clients
    /// never look at it), which is handed back as sent.
    private func exchange(_ request: GPObject, url: String) async throws(GASError) -> (object: GPObject, contentType: String?) {
        let response = try await send(Self.xmlRequest(request, url: url))
        let answer: GPObject
        do {
            answer = try GPObject(parsing: response.body)
        } catch {
            guard response.status == 200 else { throw .unexpectedStatus(response.status) }
            throw .malformedResponse(error == .truncated ? "truncated gpOBJECT" : "not a gpOBJECT")
        }
        if let code = answer["error"]?.trimmingSpaces, !code.isEmpty {
            throw .rejected(GASRejection(code: code), description: answer["error_description"] ?? "")
        }
        guard response.status == 200 else { throw .unexpectedStatus(response.status) }
        return (answer, response.headers.value(named: "Content-Type"))
    }

    /// A gpOBJECT POST, with the XML declaration and DOCTYPE as every public client sends them.
    static func xmlRequest(_ object: GPObject, url: String) -> HTTPRequest {
        HTTPRequest(
            method: .post, url: url, headers: [HTTPHeader(name: "Content-Type", value: "text/xml")],
            body: Array(object.xml(prolog: true).utf8))
    }

    private func send(_ request: HTTPRequest) async throws(GASError) -> HTTPResponse {
        do {
            return try await engine.send(request)
        } catch {
            throw .transport(error)
        }
    }

    // MARK: Helpers

    /// Whether a role selection or logout answer's `STATUS` element says `OK`.
    static func reportsOK(_ body: [UInt8]) -> Bool {
        GASStatus(parsing: body)?.isOK == true
    }

    /// 10 random alphanumerics, new for each login attempt.
    static func makeLogSessionID() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<10).map { _ in alphabet.randomElement(using: &generator) ?? "A" })
    }
}
