import GPObject
import Crypto
import Foundation

/// The state of the simulated Spine GAS: issued challenges and live SSO tickets.
///
/// Pure: the time of each call is passed in, so expiry is testable without waiting.
public struct GASService: Sendable {
    public let directory: UserDirectory
    public var verifier: ChallengeResponseVerifier
    /// How long an issued challenge may be answered.
    public var challengeTTL: TimeInterval
    public private(set) var tickets: [String: SSOTicket] = [:]
    private var challenges: [[UInt8]: IssuedChallenge] = [:]
    private let serverKey = SymmetricKey(size: .bits256)

    public init(directory: UserDirectory, verifier: ChallengeResponseVerifier, challengeTTL: TimeInterval = 120) {
        self.directory = directory
        self.verifier = verifier
        self.challengeTTL = challengeTTL
    }

    /// Number of challenges issued and not yet used or expired.
    public var outstandingChallengeCount: Int {
        challenges.values.count { !$0.isUsed }
    }

    // MARK: Activation

    /// Issues a fresh single-use 48-byte challenge and the server's signature over it.
    public mutating func activate(now: Date) -> Challenge {
        sweep(now: now)
        var bytes = Self.randomBytes(20)
        let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        bytes += (0..<8).reversed().map { UInt8(truncatingIfNeeded: millis >> (8 * $0)) }
        bytes += Self.randomBytes(20)
        challenges[bytes] = IssuedChallenge(issuedAt: now)
        return Challenge(bytes: bytes, serverSignature: serverSignature(over: bytes))
    }

    // MARK: Validation

    /// Checks a signed challenge and, when everything holds, opens an SSO session.
    public mutating func validate(_ request: AuthValidateRequest, now: Date) -> Result<SSOLogin, GASFailure> {
        sweep(now: now)
        guard let challengeText = request.challenge, let uid = request.uid, let response = request.response,
              !uid.isEmpty, !response.isEmpty
        else { return .failure(GASFailure(.authDataSyntaxError, "challenge, uid and response are required")) }
        guard let challenge = Data(base64Encoded: challengeText, options: .ignoreUnknownCharacters).map(Array.init),
              !challenge.isEmpty
        else { return .failure(GASFailure(.authDataSyntaxError, "challenge is not base64")) }
        let verified: VerifiedChallengeResponse
        do {
            verified = try verifyResponse(response, now: now)
            try consumeChallenge(challenge, echoedSignature: request.serverSignature, now: now)
            try checkSigner(verified, signed: challenge, uid: uid)
        } catch {
            return .failure(error)
        }
        guard let user = directory[uid] else { return .failure(GASFailure(.userNotValid, "user \(uid) is not known")) }
        guard !user.isSuspended else { return .failure(GASFailure(.userNotValid, "user \(uid) is suspended")) }
        let ticket = SSOTicket(
            token: Self.newTicketToken(), uid: uid, createdAt: now,
            logSessionID: request.logSessionID ?? "", deviceID: request.deviceID ?? "",
            selectedRoleID: nil, ssbMode: "0", smimeQuirks: verified.smimeQuirks)
        tickets[ticket.token] = ticket
        return .success(SSOLogin(ticket: ticket, user: user))
    }

    private func verifyResponse(_ response: String, now: Date) throws(GASFailure) -> VerifiedChallengeResponse {
        do {
            return try verifier.verify(response: response, now: now)
        } catch {
            switch error {
            case .malformed(let reason): throw GASFailure(.authDataSyntaxError, reason)
            case .rejected(let reason): throw GASFailure(.authenticationFailed, reason)
            }
        }
    }

    /// Marks the challenge used; fails when it was not issued here, has expired or was used before.
    private mutating func consumeChallenge(_ challenge: [UInt8], echoedSignature: String?, now: Date) throws(GASFailure) {
        guard var issued = challenges[challenge] else {
            throw GASFailure(.authNotValid, "the challenge was not issued by this server or has expired")
        }
        guard !issued.isUsed else { throw GASFailure(.authNotValid, "the challenge has already been used") }
        issued.isUsed = true
        challenges[challenge] = issued
        guard now.timeIntervalSince(issued.issuedAt) <= challengeTTL else {
            throw GASFailure(.authNotValid, "the challenge has expired")
        }
        guard echoedSignature == serverSignature(over: challenge) else {
            throw GASFailure(.authNotValid, "the server signature does not match the challenge")
        }
    }

    private func checkSigner(_ verified: VerifiedChallengeResponse, signed challenge: [UInt8], uid: String) throws(GASFailure) {
        guard verified.content == challenge else {
            throw GASFailure(.authenticationFailed, "the signed content is not the challenge")
        }
        guard verified.subjectCommonName == uid else {
            throw GASFailure(.authenticationFailed, "uid does not match the certificate's subject")
        }
    }

    // MARK: Tickets

    /// The live ticket with this token, if any.
    public func ticket(_ token: String) -> SSOTicket? {
        tickets[token]
    }

    /// Records the role chosen for a ticket.
    public mutating func selectRole(token: String, roleID: String, ssbMode: String) -> Result<SSOTicket, RoleSelectionError> {
        guard var ticket = tickets[token] else { return .failure(.unknownTicket) }
        guard directory[ticket.uid]?.role(withID: roleID) != nil else { return .failure(.roleNotHeld) }
        ticket.selectedRoleID = roleID
        ticket.ssbMode = ssbMode
        tickets[token] = ticket
        return .success(ticket)
    }

    /// Destroys a ticket; returns it if it was live. Destroying a gone ticket is not an error.
    @discardableResult
    public mutating func logout(token: String) -> SSOTicket? {
        tickets.removeValue(forKey: token)
    }

    /// Forgets challenges past their lifetime (used ones are kept until then, to name a replay as such).
    public mutating func sweep(now: Date) {
        challenges = challenges.filter { now.timeIntervalSince($0.value.issuedAt) <= challengeTTL }
    }

    // MARK: Helpers

    private func serverSignature(over challenge: [UInt8]) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: challenge, using: serverKey)).base64EncodedString()
    }

    private static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// An OpenSSO-style token: `AQIC5wM2LY4S` + base64 + `@AAJTSQACMDE=#` (site id "01").
    private static func newTicketToken() -> String {
        "AQIC5wM2LY4S" + Data(randomBytes(26)).base64EncodedString() + "@AAJTSQACMDE=#"
    }
}

private struct IssuedChallenge: Sendable {
    var issuedAt: Date
    var isUsed = false
}

/// An activation answer.
public struct Challenge: Sendable, Equatable {
    public let bytes: [UInt8]
    /// Base64 of the server's signature over `bytes`; the client echoes it back.
    public let serverSignature: String

    public var base64: String { Data(bytes).base64EncodedString() }
}

/// The parameters of `/login/authvalidate` that matter.
public struct AuthValidateRequest: Sendable, Equatable {
    public var challenge: String?
    public var serverSignature: String?
    public var uid: String?
    public var response: String?
    public var logSessionID: String?
    public var deviceID: String?

    public init(
        challenge: String?, serverSignature: String?, uid: String?, response: String?,
        logSessionID: String? = nil, deviceID: String? = nil
    ) {
        self.challenge = challenge
        self.serverSignature = serverSignature
        self.uid = uid
        self.response = response
        self.logSessionID = logSessionID
        self.deviceID = deviceID
    }

    public init(_ object: GPObject) {
        self.init(
            challenge: object["challenge"], serverSignature: object["signature"], uid: object["uid"],
            response: object["response"], logSessionID: object["log_session_id"], deviceID: object["device_id"])
    }
}

/// A successful validation.
public struct SSOLogin: Sendable, Equatable {
    public let ticket: SSOTicket
    public let user: SpineUser
}

/// Why a role selection was refused.
public enum RoleSelectionError: Error, Equatable, Sendable {
    case unknownTicket
    case roleNotHeld
}
