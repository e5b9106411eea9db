import Crypto
import _CryptoExtras
import Foundation
import KioskProcessTestSupport
import SwiftASN1
import Testing
import X509

/// The pkcs11 backend through Debian's real `opensc-pkcs11.so`, with `cmc-vcard insert --piv`
/// cards on a private pcscd, driven by `pkcs11-token-probe`.
@Suite("The pkcs11 backend through OpenSC", .serialized, .tokenReader)
struct PKCS11OpenSCTests {
    static let message = Array("Coordinate My Care: sign-in challenge 42".utf8)
    static var digestInfo: [UInt8] {
        [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]
            + SHA256.hash(data: message)
    }
    static var sign: String { "sign-sha256:" + hex(message) }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    static func personaCertificate(_ name: String) throws -> [UInt8] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(filePath: Package.persona(name)))) as? [String: Any]
        return try PEMDocument(pemString: try #require(object?["cert_pem"] as? String)).derBytes
    }

    @Test("the token in the monitor's reader: its certificate and UID, tries not told")
    func certificate() async throws {
        try await TokenReader.withCard("several-roles") { reader throws in
            let der = Self.hex(try Self.personaCertificate("several-roles"))
            #expect(try reader.probe(["certificate", "status", "close"])
                == ["certificate 555100000001 \(der)", "status triesUnknown", "closed"])
        }
    }

    @Test("a reader with no card of its own is no token")
    func otherReader() async throws {
        try await TokenReader.withCard("several-roles") { reader throws in
            let lines = try reader.probe(["certificate"], reader: "\(TokenReader.readerName) 00 01")
            #expect(lines.count == 1 && lines[0].hasPrefix("error "), "\(lines)")
        }
    }

    @Test("wrong, wrong (final try), right; a passcode of the wrong length spends nothing")
    func wrongThenRight() async throws {
        try await TokenReader.withCard("several-roles") { reader throws in
            #expect(try reader.probe([
                "certificate", "verify:12", "verify:000000", "status", "verify:000000", "status", "verify:123456", "close",
            ]).dropFirst() == [
                "verify badFormat", "verify wrong(triesLeft: nil)", "status triesUnknown", "verify wrong(triesLeft: Optional(1))",
                "status triesLeft(1)", "verify verified", "closed",
            ])
        }
    }

    @Test("the final try, wrong, blocks the card")
    func finalTry() async throws {
        try await TokenReader.withCard("last-try") { reader throws in
            #expect(try reader.probe(["certificate", "status", "verify:000000", "status", "close"]).dropFirst() == [
                "status triesLeft(1)", "verify blocked", "status blocked", "closed",
            ])
        }
    }

    @Test("a blocked card says so, and refuses even the right passcode")
    func blocked() async throws {
        try await TokenReader.withCard("blocked") { reader throws in
            #expect(try reader.probe(["certificate", "status", "verify:123456", "close"]).dropFirst() == [
                "status blocked", "verify blocked", "closed",
            ])
        }
    }

    @Test("no signature without the passcode")
    func signWithoutPasscode() async throws {
        try await TokenReader.withCard("several-roles") { reader throws in
            #expect(try reader.probe(["certificate", Self.sign, "close"]).dropFirst() == ["error passcodeNotVerified", "closed"])
        }
    }

    @Test("a SHA-256 signature that verifies; closed, the card is reset: another client's GENERAL AUTHENTICATE gets 6982")
    func signAndReset() async throws {
        try await TokenReader.withCard("several-roles") { reader throws in
            let lines = try reader.probe(["certificate", "verify:123456", Self.sign, "close"])
            try #require(lines.count == 4 && lines[2].hasPrefix("sign "), "\(lines)")
            #expect(try Self.publicKey("several-roles").isValidSignature(
                Self.signature(lines[2]), for: SHA256.hash(data: Self.message), padding: .insecurePKCS1v1_5))
            #expect(try RawPIV.generalAuthenticate(in: reader, digestInfo: Self.digestInfo) == "6982")
        }
    }

    @Test("a SHA-1 signature (GAS's digest) that verifies")
    func signSHA1() async throws {
        try await TokenReader.withCard("several-roles") { reader throws in
            let lines = try reader.probe(["certificate", "verify:123456", "sign-sha1:" + Self.hex(Self.message), "close"])
            try #require(lines.count == 4 && lines[2].hasPrefix("sign "), "\(lines)")
            #expect(try Self.publicKey("several-roles").isValidSignature(
                Self.signature(lines[2]), for: Insecure.SHA1.hash(data: Self.message), padding: .insecurePKCS1v1_5))
        }
    }

    @Test("OpenSC lists the hash-and-sign mechanisms, so the backend hands it the message, not a DigestInfo")
    func hashAndSignListed() async throws {
        try await TokenReader.withCard("several-roles") { reader throws in
            let listed = try reader.run(["pkcs11-tool", "--module", TokenReader.modulePath, "--list-mechanisms"])
            #expect(listed.contains("SHA1-RSA-PKCS,"), "\(listed)")
            #expect(listed.contains("SHA256-RSA-PKCS,"), "\(listed)")
        }
    }

    static func publicKey(_ persona: String) throws -> _RSA.Signing.PublicKey {
        try #require(_RSA.Signing.PublicKey(try Certificate(derEncoded: try personaCertificate(persona)).publicKey))
    }

    /// The signature of a probe's `sign HEX` line.
    static func signature(_ line: String) -> _RSA.Signing.RSASignature {
        let hex = Array(line.dropFirst(5))
        let bytes = stride(from: 0, to: hex.count, by: 2).compactMap { UInt8(String(hex[$0...$0 + 1]), radix: 16) }
        return _RSA.Signing.RSASignature(rawRepresentation: bytes)
    }

    @Test("signed and never closed (the probe exits without closing), the card is already reset: 6982")
    func resetOnceSigned() async throws {
        try await TokenReader.withCard("several-roles") { reader throws in
            #expect(try reader.probe(["certificate", "verify:123456", Self.sign]).count == 3)
            #expect(try RawPIV.generalAuthenticate(in: reader, digestInfo: Self.digestInfo) == "6982")
        }
    }
}
