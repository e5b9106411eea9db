import Foundation
import KioskNetwork
import Secrets
import Simulator
import SmartCard
import Synchronization

/// A demo persona's virtual card behind the real card profile, as the CMS signer.
final class BenchmarkCard: Sendable {
    let uid: String
    let certificateDER: [UInt8]
    private let card: Mutex<AuthenticationCard>

    init(persona url: URL, passcode: String) throws {
        let card = AuthenticationCard(transport: InProcessCard(try VirtualCard(persona: try Persona.load(contentsOf: url))))
        try card.selectApplication()
        let certificate = try card.readCertificate()
        let secret = SecretBuffer(capacity: 8)
        passcode.utf8.forEach(secret.append)
        guard try card.verify(passcode: secret) == .verified else { throw BenchmarkError("the passcode was refused") }
        uid = certificate.uid
        certificateDER = certificate.der
        self.card = Mutex(card)
    }

    var signer: SignedDataBuilder.Signer {
        { message in try self.card.withLock { try $0.sign(digestInfo: message.digestInfo) } }
    }
}

/// APDUs to a `VirtualCard` in the same process.
private final class InProcessCard: CardTransport {
    private var card: VirtualCard

    init(_ card: VirtualCard) {
        self.card = card
    }

    func transmit(_ command: UnsafeRawBufferPointer) throws(CardError) -> [UInt8] {
        card.respond(to: Array(command))
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
