import Dispatch
import FoundationEssentials
import KioskCore
import PKCS1
import Secrets
import SmartCard

/// Runs the card token's blocking calls one after another on a queue of its own, and holds the
/// passcode in locked memory until the token has checked it.
///
/// The token is closed (logged out, the card reset) as soon as it has signed the challenge, and
/// after any failure, so that no verified passcode outlives the step that needed it.
final class CardWorker: @unchecked Sendable {
    // `@unchecked`: `token` and `certificate` are read and written only on `queue`.
    /// Typed passcode characters go here; it is wiped after every use.
    let passcode = SecretBuffer(capacity: AuthenticationCard.passcodeLengths.upperBound)
    private let backend: any TokenBackend
    private let queue = DispatchQueue(label: "cmc-card")
    // Touched only on `queue`.
    private var token: (any AuthenticationToken)?
    private var certificate: CardCertificate?

    init(backend: any TokenBackend) {
        self.backend = backend
    }

    /// Opens the token, reads the certificate and the tries left.
    func read(reader: String, now: Date, done: @escaping @Sendable (Result<CardSummary, KioskFailure>) -> Void) {
        queue.async { [self] in
            closeToken()
            do throws(TokenError) {
                let opened = try backend.open(reader: reader)
                token = opened
                let read = try opened.readCertificate()
                certificate = read
                let summary = Self.summary(of: read, status: try opened.passcodeStatus(), now: now)
                if case .failure = summary { closeToken() }
                if case .success(let card) = summary, card.triesLeft == 0 { closeToken() }
                done(summary)
            } catch {
                closeToken()
                done(.failure(FailureTranslation.failure(for: error)))
            }
        }
    }

    private static func summary(
        of certificate: CardCertificate, status: PasscodeStatus, now: Date
    ) -> Result<CardSummary, KioskFailure> {
        let triesLeft: Int? = switch status {
        case .verified: 3
        case .triesLeft(let tries): tries
        case .triesUnknown: nil
        case .blocked: 0
        }
        switch certificate.expiry(at: now) {
        case .expired: return .failure(.certificateExpired)
        case .notYetValid: return .failure(.certificateNotYetValid)
        case .expiresSoon(let days): return .success(CardSummary(uid: certificate.uid, expiresInDays: days, triesLeft: triesLeft))
        case .valid: return .success(CardSummary(uid: certificate.uid, triesLeft: triesLeft))
        }
    }

    /// Presents the typed passcode; the token wipes it whatever happens.
    func verifyPasscode(done: @escaping @Sendable (PasscodeCheck) -> Void) {
        queue.async { [self] in
            guard let token else {
                passcode.wipe()
                return done(.failed(.unreadableCard(detail: "The card is no longer connected.")))
            }
            do throws(TokenError) {
                let check = Self.check(try token.verify(passcode: passcode))
                if check == .blocked { closeToken() }
                done(check)
            } catch {
                closeToken()
                done(.failed(FailureTranslation.failure(for: error)))
            }
        }
    }

    private static func check(_ verification: PasscodeVerification) -> PasscodeCheck {
        switch verification {
        case .verified: .verified
        case .wrong(let triesLeft): .wrong(triesLeft: triesLeft)
        case .blocked: .blocked
        case .badFormat: .badFormat
        }
    }

    /// The certificate as read, for the CMS the GAS login sends.
    func certificateDER() async -> [UInt8]? {
        await withCheckedContinuation { continuation in
            queue.async { [self] in continuation.resume(returning: certificate?.der) }
        }
    }

    /// Has the token sign the GAS challenge, on the card's queue, then closes it: a sign-in needs
    /// one signature.
    func sign(_ message: MessageToSign) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { [self] in
                guard let token else { return continuation.resume(throwing: TokenError.removed) }
                let signed = Result { () throws(TokenError) in try token.sign(message) }
                closeToken()
                continuation.resume(with: signed)
            }
        }
    }

    /// Wipes the passcode once the calls before it are done: a verification under way holds it
    /// until the token answers (and wipes it then), and the caller must not wait for that.
    func wipePasscode() {
        queue.async { [self] in passcode.wipe() }
    }

    /// Closes the token (logging out, resetting the card) once the calls before it are done.
    func disconnect() {
        queue.async { [self] in closeToken() }
    }

    private func closeToken() {
        token?.close()
        token = nil
    }
}
