import Crypto
import _CryptoExtras
import Foundation
import KioskProcessTestSupport
import PKCS11Token
import Secrets
import SwiftASN1
import SmartCard
import Testing
import X509

/// The pkcs11 backend through Debian's real `opensc-pkcs11.so`, with `cmc-vcard insert --piv`
/// cards on a private pcscd.
@Suite("The pkcs11 backend through OpenSC", .serialized, .tokenReader)
struct PKCS11OpenSCTests {
    static let message = Array("Coordinate My Care: sign-in challenge 42".utf8)
    static var digestInfo: [UInt8] {
        [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]
            + SHA256.hash(data: message)
    }

    static func passcode(_ text: String) -> SecretBuffer {
        let buffer = SecretBuffer(capacity: 8)
        text.utf8.forEach(buffer.append)
        return buffer
    }

    static func personaCertificate(_ name: String) throws -> [UInt8] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(filePath: Package.persona(name)))) as? [String: Any]
        let pem = try #require(object?["cert_pem"] as? String)
        return try PEMDocument(pemString: pem).derBytes
    }

    @Test("the token in the monitor's reader: its certificate and UID, tries not told")
    func certificate() async throws {
        try await TokenReader.withCard("several-roles") { reader, module in
            let token = try PKCS11Backend(module: module).open(reader: reader.firstReader)
            defer { token.close() }
            let certificate = try token.readCertificate()
            #expect(certificate.der == (try Self.personaCertificate("several-roles")))
            #expect(certificate.uid == "555100000001")
            #expect(try module.slotsWithTokens().first { $0.sits(in: reader.firstReader) }?.tokenLabel.contains("555100000001") == true)
            #expect(try token.passcodeStatus() == .triesUnknown)
        }
    }

    @Test("a reader with no card of its own is no token")
    func otherReader() async throws {
        try await TokenReader.withCard("several-roles") { reader, module in
            #expect(throws: TokenError.self) { try PKCS11Backend(module: module).open(reader: "Token PCD 00 01") }
        }
    }

    @Test("wrong, wrong (final try), right; a passcode of the wrong length spends nothing")
    func wrongThenRight() async throws {
        try await TokenReader.withCard("several-roles") { reader, module in
            let token = try PKCS11Backend(module: module).open(reader: reader.firstReader)
            defer { token.close() }
            _ = try token.readCertificate()
            #expect(try token.verify(passcode: Self.passcode("12")) == .badFormat)
            #expect(try token.verify(passcode: Self.passcode("000000")) == .wrong(triesLeft: nil))
            #expect(try token.passcodeStatus() == .triesUnknown)
            #expect(try token.verify(passcode: Self.passcode("000000")) == .wrong(triesLeft: 1))
            #expect(try token.passcodeStatus() == .triesLeft(1))
            #expect(try token.verify(passcode: Self.passcode("123456")) == .verified)
        }
    }

    @Test("the final try, wrong, blocks the card")
    func finalTry() async throws {
        try await TokenReader.withCard("last-try") { reader, module in
            let token = try PKCS11Backend(module: module).open(reader: reader.firstReader)
            defer { token.close() }
            _ = try token.readCertificate()
            #expect(try token.passcodeStatus() == .triesLeft(1))
            #expect(try token.verify(passcode: Self.passcode("000000")) == .blocked)
            #expect(try token.passcodeStatus() == .blocked)
        }
    }

    @Test("a blocked card says so, and refuses even the right passcode")
    func blocked() async throws {
        try await TokenReader.withCard("blocked") { reader, module in
            let token = try PKCS11Backend(module: module).open(reader: reader.firstReader)
            defer { token.close() }
            _ = try token.readCertificate()
            #expect(try token.passcodeStatus() == .blocked)
            #expect(try token.verify(passcode: Self.passcode("123456")) == .blocked)
        }
    }

    @Test("no signature without the passcode")
    func signWithoutPasscode() async throws {
        try await TokenReader.withCard("several-roles") { reader, module in
            let token = try PKCS11Backend(module: module).open(reader: reader.firstReader)
            defer { token.close() }
            _ = try token.readCertificate()
            #expect(throws: TokenError.self) { try token.sign(digestInfo: Self.digestInfo) }
        }
    }

    @Test("a signature that verifies; closed, the card is reset: another client's GENERAL AUTHENTICATE gets 6982")
    func signAndReset() async throws {
        try await TokenReader.withCard("several-roles") { reader, module in
            let token = try PKCS11Backend(module: module).open(reader: reader.firstReader)
            let certificate = try token.readCertificate()
            #expect(try token.verify(passcode: Self.passcode("123456")) == .verified)
            let signature = try token.sign(digestInfo: Self.digestInfo)
            #expect(try RawPIV.generalAuthenticate(in: reader, digestInfo: Self.digestInfo) == "9000", "verified until closed")
            token.close()

            let key = try #require(_RSA.Signing.PublicKey(try Certificate(derEncoded: certificate.der).publicKey))
            #expect(key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: Self.message),
                padding: .insecurePKCS1v1_5))

            #expect(try RawPIV.generalAuthenticate(in: reader, digestInfo: Self.digestInfo) == "6982")
        }
    }
}

