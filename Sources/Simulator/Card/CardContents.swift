import Crypto
import SmartCard
import X509
import _CryptoExtras

/// What a persona puts on a virtual card, whatever the card's commands: the certificate (cut short
/// by the `certificate_length` fault), the RSA key, and the faults that change answers.
struct CardContents {
    let certificate: Certificate
    let certificateDER: [UInt8]
    /// The `status_words` fault: the status word that replaces a command's whole answer, by name.
    let statusFaults: [String: StatusWord]
    private let signatureLength: Int?
    private let key: _RSA.BlindSigning.PrivateKey<SHA384>

    init(persona: Persona) throws(VirtualCardError) {
        guard let certificate = try? Certificate(pemEncoded: persona.certificatePEM),
              let der = try? certificate.serializeAsPEM().derBytes
        else { throw .invalidPersona("cert_pem is not a PEM certificate") }
        guard let key = try? _RSA.BlindSigning.PrivateKey<SHA384>(unsafePEMRepresentation: persona.keyPEM) else {
            throw .invalidPersona("key_pem is not a PEM RSA private key")
        }
        let faults = persona.faults ?? CardFaults()
        if let length = faults.certificateLength, !(1..<der.count).contains(length) {
            throw .invalidPersona("faults.certificate_length must be 1 to \(der.count - 1), less than the certificate's")
        }
        if let length = faults.signatureLength, !(1...512).contains(length) {
            throw .invalidPersona("faults.signature_length must be 1 to 512")
        }
        self.certificate = certificate
        self.certificateDER = Array(der.prefix(faults.certificateLength ?? der.count))
        self.statusFaults = try Self.statusWords(faults.statusWords ?? [:])
        self.signatureLength = faults.signatureLength
        self.key = key
    }

    /// The key's modulus length in bytes: the length of every signature.
    var modulusLength: Int { key.keySizeInBits / 8 }

    /// The raw RSA private-key operation (RFC 8017 RSASP1) on a block as long as the modulus,
    /// which swift-crypto offers only through RFC 9474 blind signing; `nil` when the block has
    /// the wrong length or is not below the modulus. The `signature_length` fault applies.
    func rawSignature(of block: [UInt8]) -> [UInt8]? {
        guard let signature = try? key.blindSignature(for: block).rawRepresentation else { return nil }
        guard let length = signatureLength else { return Array(signature) }
        return Array(signature.prefix(length)) + [UInt8](repeating: 0, count: max(0, length - signature.count))
    }

    /// The `status_words` fault checked: known command names, four hex digits each.
    private static func statusWords(_ texts: [String: String]) throws(VirtualCardError) -> [String: StatusWord] {
        var words: [String: StatusWord] = [:]
        let names = VirtualCard.commandNames
        for (name, text) in texts {
            guard names.contains(name) else {
                throw .invalidPersona("faults.status_words: \"\(name)\" is not one of \(names.sorted().joined(separator: ", "))")
            }
            guard text.count == 4, let value = UInt16(text, radix: 16) else {
                throw .invalidPersona("faults.status_words.\(name): \"\(text)\" is not four hex digits such as 6F00")
            }
            words[name] = StatusWord(value)
        }
        return words
    }
}
