import Foundation
import Secrets
import struct Simulator.Persona
import struct Simulator.VirtualCard
import SmartCard
import Synchronization

@testable import KioskNetwork

/// A demo persona's card, driven through the real card profile (`AuthenticationCard`) over an
/// in-process `VirtualCard`: the certificate is read from the card, the passcode verified, and
/// the DigestInfo signed by the card, APDU by APDU.
final class DemoCard: Sendable {
    static let personas = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Personas/demo")
    static let caFile = personas.appendingPathComponent("ca.pem").path

    let uid: String
    let certificateDER: [UInt8]
    private let card: Mutex<AuthenticationCard>

    /// Inserts `Personas/demo/<name>`, reads its certificate and verifies `passcode`.
    init(_ name: String, passcode: String = "123456") throws {
        let persona = try Persona.load(contentsOf: Self.personas.appendingPathComponent(name))
        let card = AuthenticationCard(transport: VirtualCardLink(card: try VirtualCard(persona: persona)))
        try card.selectApplication()
        let certificate = try card.readCertificate()
        let secret = SecretBuffer(capacity: 8)
        passcode.utf8.forEach(secret.append)
        guard try card.verify(passcode: secret) == .verified else { throw DemoCardError.passcodeRefused }
        uid = certificate.uid
        certificateDER = certificate.der
        self.card = Mutex(card)
    }

    /// The card as the CMS builder's signer.
    var signer: SignedDataBuilder.Signer {
        { message in try self.card.withLock { try $0.sign(digestInfo: message.digestInfo) } }
    }

    enum DemoCardError: Error { case passcodeRefused }
}

/// APDUs to a `VirtualCard` in the same process.
private final class VirtualCardLink: CardTransport {
    private var card: VirtualCard

    init(card: VirtualCard) {
        self.card = card
    }

    func transmit(_ command: UnsafeRawBufferPointer) throws(CardError) -> [UInt8] {
        card.respond(to: Array(command))
    }
}
