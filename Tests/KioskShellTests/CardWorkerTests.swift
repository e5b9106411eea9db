import Foundation
import KioskCore
import KioskDemo
import PKCS1
@testable import KioskShell
import Secrets
import SmartCard
import Synchronization
import Testing

/// The card worker through the token seam: what it reports, and that it closes the token (logs
/// out, resets the card) after a signature and after every failure, whichever the backend.
@Suite("The card worker and the token seam")
struct CardWorkerTests {
    /// The demo reader's profile tokens, with a count of closes and the passcode status replaced
    /// when a test says so (as a PKCS#11 token would answer).
    final class RecordingBackend: TokenBackend {
        let reader: DemoReader
        let status: PasscodeStatus?
        let closes = Atomic(0)

        init(status: PasscodeStatus? = nil) throws {
            let personas = try DemoPersonas(folder: ShellHarness.demoFolder)
            reader = try DemoReader(personas: personas)
            #expect(reader.insert(persona: try #require(personas.entries.firstIndex { $0.key == "several-roles" })))
            self.status = status
        }

        func open(reader name: String) throws(TokenError) -> any AuthenticationToken {
            RecordingToken(inner: try reader.open(reader: name), backend: self)
        }
    }

    final class RecordingToken: AuthenticationToken {
        let inner: any AuthenticationToken
        let backend: RecordingBackend

        init(inner: any AuthenticationToken, backend: RecordingBackend) {
            self.inner = inner
            self.backend = backend
        }

        func readCertificate() throws(TokenError) -> CardCertificate { try inner.readCertificate() }
        func passcodeStatus() throws(TokenError) -> PasscodeStatus {
            if let status = backend.status { return status }
            return try inner.passcodeStatus()
        }
        func verify(passcode: SecretBuffer) throws(TokenError) -> PasscodeVerification { try inner.verify(passcode: passcode) }
        func sign(_ message: MessageToSign) throws(TokenError) -> [UInt8] { try inner.sign(message) }
        func close() {
            backend.closes.add(1, ordering: .relaxed)
            inner.close()
        }
    }

    static func read(_ worker: CardWorker, reader: String = DemoReader.name) async -> Result<CardSummary, KioskFailure> {
        await withCheckedContinuation { continuation in
            worker.read(reader: reader, now: Date()) { continuation.resume(returning: $0) }
        }
    }

    static func verify(_ worker: CardWorker, _ passcode: String) async -> PasscodeCheck {
        passcode.utf8.forEach(worker.passcode.append)
        return await withCheckedContinuation { continuation in
            worker.verifyPasscode { continuation.resume(returning: $0) }
        }
    }

    @Test("a dots field stops where the passcode buffer does")
    func dotsStopWithTheBuffer() {
        #expect(PasscodeFeedback.longestPasscode == AuthenticationCard.passcodeLengths.upperBound)
    }

    @Test("a token that does not count its tries gives a card with the tries unknown")
    func triesUnknown() async throws {
        let worker = CardWorker(backend: try RecordingBackend(status: .triesUnknown))
        let summary = try await Self.read(worker).get()
        #expect(summary.triesLeft == nil)
    }

    @Test("the token is closed once it has signed")
    func closedAfterSigning() async throws {
        let backend = try RecordingBackend()
        let worker = CardWorker(backend: backend)
        _ = try await Self.read(worker).get()
        #expect(await Self.verify(worker, "000000") == .wrong(triesLeft: 2))
        #expect(backend.closes.load(ordering: .relaxed) == 0, "a wrong passcode leaves the card for the next try")
        #expect(await Self.verify(worker, "123456") == .verified)
        _ = try await worker.sign(MessageToSign(bytes: Array("challenge".utf8), digest: .sha1))
        #expect(backend.closes.load(ordering: .relaxed) == 1)
        await #expect(throws: TokenError.removed) { try await worker.sign(MessageToSign(bytes: [0], digest: .sha1)) }
    }

    @Test("a failure closes the token: a locked card, and a reader with no card")
    func closedAfterFailure() async throws {
        let locked = try RecordingBackend(status: .blocked)
        let worker = CardWorker(backend: locked)
        #expect(try await Self.read(worker).get().triesLeft == 0)
        #expect(locked.closes.load(ordering: .relaxed) == 1)

        let empty = CardWorker(backend: try RecordingBackend())
        #expect(await Self.read(empty, reader: "No such reader") == .failure(.unreadableCard(detail: "The reader said: the smartcard was removed.")))
    }

    @Test("token errors in the kiosk's words")
    func translation() {
        #expect(FailureTranslation.failure(for: .unsupportedCard) == .unsupportedCard)
        #expect(FailureTranslation.failure(for: .notPersonalised) == .cardNotPersonalised)
        #expect(FailureTranslation.failure(for: .unexpectedAnswer("It said no.", step: .sign)) == .cardFailed(detail: "It said no."))
        #expect(FailureTranslation.failure(for: .unexpectedAnswer("It said no.", step: .findToken)) == .unreadableCard(detail: "It said no."))
        #expect(FailureTranslation.failure(for: CardProfileError.unexpectedStatus(StatusWord(0x6F00), step: .verifyPasscode).tokenError)
            == .cardFailed(detail: "The card answered 6F00 when asked to verify the passcode."))
    }
}
