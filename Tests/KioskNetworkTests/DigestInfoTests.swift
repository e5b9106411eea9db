import PKCS1
import Crypto
import Foundation
import Testing

@testable import KioskNetwork

@Suite struct DigestInfoTests {
    @Test func sha256DigestInfoHasTheRFC8017Prefix() {
        let info = SignatureDigest.sha256.digestInfo(over: Array("abc".utf8))
        let prefix: [UInt8] = [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]
        #expect(Array(info.prefix(prefix.count)) == prefix)
        #expect(Array(info.dropFirst(prefix.count)) == Array(SHA256.hash(data: Array("abc".utf8))))
        #expect(hex(info.suffix(4)) == "f20015ad")
    }

    @Test func sha1DigestInfoHasTheRFC8017Prefix() {
        let info = SignatureDigest.sha1.digestInfo(over: Array("abc".utf8))
        let prefix: [UInt8] = [0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2B, 0x0E, 0x03, 0x02, 0x1A, 0x05, 0x00, 0x04, 0x14]
        #expect(Array(info.prefix(prefix.count)) == prefix)
        #expect(hex(info.dropFirst(prefix.count)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    }

    private func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}

@Suite struct SMIMEEnvelopeTests {
    @Test func wrapsDERInTheSpecMIMETextWith64CharacterLines() {
        let der = [UInt8](repeating: 0xAB, count: 100)  // 136 base64 characters: 64 + 64 + 8
        let base64 = Data(der).base64EncodedString()
        let expected = "MIME-Version: 1.0\r\n"
            + "Content-Disposition: attachment; filename=\"smime.p7m\"\r\n"
            + "Content-Type: application/x-pkcs7-mime; name=\"smime.p7m\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + String(base64.prefix(64)) + "\r\n"
            + String(base64.dropFirst(64).prefix(64)) + "\r\n"
            + String(base64.dropFirst(128)) + "\r\n"
        #expect(SMIMEEnvelope.text(for: der) == expected)
        #expect(SMIMEEnvelope.responseValue(for: der) == Data(expected.utf8).base64EncodedString())
    }

    @Test func exactMultipleOf64HasNoEmptyLine() {
        let text = SMIMEEnvelope.text(for: [UInt8](repeating: 1, count: 48))  // 64 characters
        #expect(text.hasSuffix("base64\r\n\r\n" + Data([UInt8](repeating: 1, count: 48)).base64EncodedString() + "\r\n"))
    }
}

@Suite struct SSOTicketTests {
    @Test func neverPrintsItsValue() {
        let ticket = SSOTicket("AQIC5wM2LY4SfcwrRGMHiyxMR3suYWqcF+B1j56GJ4xGut4=@AAJTSQACMDE=#")
        var dumped = ""
        dump(ticket, to: &dumped)
        for text in ["\(ticket)", String(describing: ticket), String(reflecting: ticket), dumped, "\([ticket])"] {
            #expect(!text.contains("AQIC"))
            #expect(text.contains("redacted"))
        }
    }

    @Test func handoffURLNeverPrints() throws {
        let handoff = try JSONDecoder().decode(
            PortalHandoff.self, from: Data(#"{"url": "https://portal/sso/handoff?code=SECRET", "expires_in": 30}"#.utf8))
        var dumped = ""
        dump(handoff, to: &dumped)
        #expect(!"\(handoff)".contains("SECRET"))
        #expect(!dumped.contains("SECRET"))
        #expect(handoff.url.contains("SECRET"))
    }
}
