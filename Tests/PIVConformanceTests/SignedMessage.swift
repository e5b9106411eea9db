import Crypto
import Foundation

/// A message to sign, and what the card is given for it, built here from RFC 8017 rather than by
/// the project's own code: the SHA-256 DigestInfo (for CKM_RSA_PKCS) and the padded block (for a
/// raw GENERAL AUTHENTICATE).
enum SignedMessage {
    static let text = Array("Coordinate My Care: sign-in challenge 42".utf8)

    /// `DigestInfo ::= SEQUENCE { SEQUENCE { id-sha256, NULL }, OCTET STRING digest }`.
    static var digestInfo: [UInt8] {
        [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]
            + SHA256.hash(data: text)
    }

    /// EMSA-PKCS1-v1_5 for a 2048-bit key: `00 01 FF… 00 DigestInfo`.
    static var block: [UInt8] {
        [0x00, 0x01] + [UInt8](repeating: 0xFF, count: 256 - digestInfo.count - 3) + [0x00] + digestInfo
    }

    /// GENERAL AUTHENTICATE of `block` with key 9A, chained as OpenSC chains it, for `opensc-tool -s`.
    static var generalAuthenticate: [String] {
        let template: [UInt8] = [0x7C, 0x82, 0x01, 0x06, 0x82, 0x00, 0x81, 0x82, 0x01, 0x00] + block
        return [
            hex([0x10, 0x87, 0x07, 0x9A, 0xFF] + template.prefix(255)),
            hex([0x00, 0x87, 0x07, 0x9A, UInt8(template.count - 255)] + template.dropFirst(255) + [0x00]),
        ]
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02X", $0) }.joined(separator: " ")
    }
}
