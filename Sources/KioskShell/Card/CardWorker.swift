import Dispatch
import FoundationEssentials
import KioskCore
import PKCS1
import Secrets
import SmartCard

/// Runs the card profile's blocking commands one after another on a queue of its own, and holds
/// the passcode in locked memory until the card has checked it.
final class CardWorker: @unchecked Sendable {
    // `@unchecked`: `connection`, `card` and `certificate` are read and written only on `queue`.
    /// Typed passcode characters go here; it is wiped after every use.
    let passcode = SecretBuffer(capacity: AuthenticationCard.passcodeLengths.upperBound)
    private let connector: any CardConnector
    private let queue = DispatchQueue(label: "cmc-card")
    // Touched only on `queue`.
    private var connection: (any CardConnection)?
    private var card: AuthenticationCard?
    private var certificate: CardCertificate?

    init(connector: any CardConnector) {
        self.connector = connector
    }

    /// Connects, reads the certificate and the tries left.
    func read(reader: String, now: Date, done: @escaping @Sendable (Result<CardSummary, KioskFailure>) -> Void) {
        queue.async { [self] in
            closeConnection()
            do throws(CardProfileError) {
                let opened = try Result { () throws(CardError) in try connector.connect(reader: reader) }
                    .mapError(CardProfileError.card).get()
                connection = opened
                let profile = AuthenticationCard(transport: opened)
                try profile.selectApplication()
                let read = try profile.readCertificate()
                card = profile
                certificate = read
                done(Self.summary(of: read, status: try profile.passcodeStatus(), now: now))
            } catch {
                done(.failure(FailureTranslation.failure(for: error)))
            }
        }
    }

    private static func summary(
        of certificate: CardCertificate, status: PasscodeStatus, now: Date
    ) -> Result<CardSummary, KioskFailure> {
        let triesLeft = switch status {
        case .verified: 3
        case .triesLeft(let tries): tries
        case .blocked: 0
        }
        switch certificate.expiry(at: now) {
        case .expired: return .failure(.certificateExpired)
        case .notYetValid: return .failure(.certificateNotYetValid)
        case .expiresSoon(let days): return .success(CardSummary(uid: certificate.uid, expiresInDays: days, triesLeft: triesLeft))
        case .valid: return .success(CardSummary(uid: certificate.uid, triesLeft: triesLeft))
        }
    }

    /// Presents the typed passcode; the card profile wipes it whatever happens.
    func verifyPasscode(done: @escaping @Sendable (PasscodeCheck) -> Void) {
        queue.async { [self] in
            guard let card else {
                passcode.wipe()
                return done(.failed(.unreadableCard(detail: "The card is no longer connected.")))
            }
            do throws(CardProfileError) {
                done(Self.check(try card.verify(passcode: passcode)))
            } catch {
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

    /// Has the card sign a DigestInfo (the GAS challenge), on the card's queue.
    func sign(digestInfo: [UInt8]) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { [self] in
                guard let card else {
                    return continuation.resume(throwing: CardProfileError.card(.removed))
                }
                continuation.resume(with: Result { try card.sign(digestInfo: digestInfo) })
            }
        }
    }

    /// Wipes the passcode once the commands before it are done: a verification under way holds
    /// it until the card answers (and wipes it then), and the caller must not wait for that.
    func wipePasscode() {
        queue.async { [self] in passcode.wipe() }
    }

    /// Closes the connection (resetting the card) once the commands before it are done.
    func disconnect() {
        queue.async { [self] in closeConnection() }
    }

    private func closeConnection() {
        connection?.close()
        connection = nil
        card = nil
        certificate = nil
    }
}
