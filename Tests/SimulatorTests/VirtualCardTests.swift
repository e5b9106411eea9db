import PKCS1
import Crypto
import Foundation
import Simulator
import SmartCard
import Testing
import X509
import _CryptoExtras

/// The virtual card against `spec/card-profile.md`, one test per status word it can answer.
@Suite struct VirtualCardTests {
    static let authority = try! DemoCertificateAuthority()
    static let persona = try! authority.makePersona(
        uid: "555100000001", pin: "123456", notValidBefore: Date(), notValidAfter: Date().addingTimeInterval(86_400))

    private func card(triesLeft: Int = 3) throws -> VirtualCard {
        var persona = Self.persona
        persona.triesLeft = triesLeft
        return try VirtualCard(persona: persona)
    }

    private func status(_ answer: [UInt8]) -> StatusWord { ResponseAPDU(bytes: answer)!.status }
    private func data(_ answer: [UInt8]) -> [UInt8] { ResponseAPDU(bytes: answer)!.data }

    static let selectApplication: [UInt8] = [0x00, 0xA4, 0x04, 0x0C, 0x0A] + AuthenticationCard.applicationID
    static let selectCertificate: [UInt8] = [0x00, 0xA4, 0x02, 0x0C, 0x02, 0xC0, 0x01]
    static func verify(_ pin: String) -> [UInt8] {
        let digits = Array(pin.utf8)
        return [0x00, 0x20, 0x00, 0x81, 0x08] + digits + [UInt8](repeating: 0xFF, count: 8 - digits.count)
    }
    static let verifyStatus: [UInt8] = [0x00, 0x20, 0x00, 0x81]
    static func sign(_ digestInfo: [UInt8]) -> [UInt8] {
        [0x00, 0x2A, 0x9E, 0x9A, UInt8(digestInfo.count)] + digestInfo + [0x00]
    }

    @Test("9000: the application is selected") func selectsTheApplication() throws {
        var card = try card()
        #expect(status(card.respond(to: Self.selectApplication)) == .success)
    }

    @Test("6A82: another application is not there") func unknownApplication() throws {
        var card = try card()
        #expect(status(card.respond(to: [0x00, 0xA4, 0x04, 0x0C, 0x05, 1, 2, 3, 4, 5])) == .fileNotFound)
    }

    @Test("6A82: no certificate file outside the application") func certificateNeedsTheApplication() throws {
        var card = try card()
        #expect(status(card.respond(to: Self.selectCertificate)) == .fileNotFound)
    }

    @Test("6986 / 9000 / 6282 / 6B00: the certificate reads in chunks to its end")
    func readsTheCertificate() throws {
        var card = try card()
        #expect(status(card.respond(to: [0x00, 0xB0, 0x00, 0x00, 0x00])) == .noCurrentElementaryFile)
        _ = card.respond(to: Self.selectApplication)
        #expect(status(card.respond(to: Self.selectCertificate)) == .success)
        var certificate: [UInt8] = []
        var answer = card.respond(to: [0x00, 0xB0, 0x00, 0x00, 0x00])
        while status(answer) == .success {
            certificate += data(answer)
            let offset = certificate.count
            answer = card.respond(to: [0x00, 0xB0, UInt8(offset >> 8), UInt8(offset & 0xFF), 0x00])
        }
        if status(answer) == .endOfFileReached { certificate += data(answer) }
        let expected = try Certificate(pemEncoded: Self.persona.certificatePEM).serializeAsPEM().derBytes
        #expect(certificate == expected)
        let end = certificate.count
        #expect(status(card.respond(to: [0x00, 0xB0, UInt8(end >> 8), UInt8(end & 0xFF), 0x00])) == .wrongOffset)
    }

    @Test("63Cx then 6983: wrong passcodes count down and lock") func wrongPasscodesLock() throws {
        var card = try card()
        #expect(status(card.respond(to: Self.verify("000000"))) == StatusWord(0x63C2))
        #expect(status(card.respond(to: Self.verify("000000"))) == StatusWord(0x63C1))
        #expect(status(card.respond(to: Self.verify("000000"))) == StatusWord(0x63C0))
        #expect(status(card.respond(to: Self.verify("123456"))) == .authenticationMethodBlocked)
        #expect(status(card.respond(to: Self.verifyStatus)) == .authenticationMethodBlocked)
        #expect(card.triesLeft == 0)
    }

    @Test("9000 on the right passcode restores the tries; the status query spends none")
    func rightPasscodeVerifies() throws {
        var card = try card(triesLeft: 2)
        #expect(status(card.respond(to: Self.verifyStatus)) == StatusWord(0x63C2))
        #expect(status(card.respond(to: Self.verifyStatus)) == StatusWord(0x63C2))
        #expect(status(card.respond(to: Self.verify("123456"))) == .success)
        #expect(status(card.respond(to: Self.verifyStatus)) == .success)
        card.reset()
        #expect(status(card.respond(to: Self.verifyStatus)) == StatusWord(0x63C3), "a reset forgets the verification")
    }

    @Test("6700: a passcode field that is not 8 bytes") func wrongLengthPasscode() throws {
        var card = try card()
        #expect(status(card.respond(to: [0x00, 0x20, 0x00, 0x81, 0x04, 0x31, 0x32, 0x33, 0x34])) == .wrongLength)
        #expect(card.triesLeft == 3)
    }

    @Test("6A80: a passcode too short or badly padded spends no try") func badlyFormattedPasscode() throws {
        var card = try card()
        #expect(status(card.respond(to: Self.verify("123"))) == .incorrectData)
        #expect(status(card.respond(to: [0x00, 0x20, 0x00, 0x81, 0x08, 0x31, 0x32, 0x33, 0x34, 0xFF, 0x35, 0xFF, 0xFF])) == .incorrectData)
        #expect(card.triesLeft == 3)
    }

    @Test("6982: no signature before the passcode") func signNeedsThePasscode() throws {
        var card = try card()
        let info = SignatureDigest.sha256.digestInfo(over: Array("challenge".utf8))
        #expect(status(card.respond(to: Self.sign(info))) == .securityStatusNotSatisfied)
    }

    @Test("6A80: only a SHA-256 or SHA-1 DigestInfo is signed") func signRefusesOtherInput() throws {
        var card = try card()
        _ = card.respond(to: Self.verify("123456"))
        #expect(status(card.respond(to: Self.sign([UInt8](repeating: 7, count: 32)))) == .incorrectData)
    }

    @Test("61xx, 6Cxx, 9000: the signature comes through GET RESPONSE and verifies",
          arguments: SignatureDigest.allCases)
    func signs(digest: SignatureDigest) throws {
        var card = try card()
        _ = card.respond(to: Self.verify("123456"))
        let challenge = Array("a 48-byte challenge from the GAS server.........".utf8)
        let first = card.respond(to: Self.sign(digest.digestInfo(over: challenge)))
        #expect(status(first) == StatusWord(0x6100))
        #expect(status(card.respond(to: [0x00, 0xC0, 0x00, 0x00, 0x10])).moreDataAvailable == 240,
                "a shorter Le takes part of the answer and says what is left")
        #expect(status(card.respond(to: [0x00, 0xC0, 0x00, 0x00, 0x00])) == StatusWord(0x6CF0),
                "asking for more than is left is answered with 6Cxx")
        let rest = card.respond(to: [0x00, 0xC0, 0x00, 0x00, 0xF0])
        #expect(status(rest) == .success)

        var whole = card
        _ = whole.respond(to: Self.verify("123456"))
        _ = whole.respond(to: Self.sign(digest.digestInfo(over: challenge)))
        let signature = data(whole.respond(to: [0x00, 0xC0, 0x00, 0x00, 0x00]))
        let publicKey = try #require(_RSA.Signing.PublicKey(Certificate(pemEncoded: Self.persona.certificatePEM).publicKey))
        let rsaSignature = _RSA.Signing.RSASignature(rawRepresentation: signature)
        switch digest {
        case .sha256:
            #expect(publicKey.isValidSignature(rsaSignature, for: SHA256.hash(data: challenge), padding: .insecurePKCS1v1_5))
        case .sha1:
            #expect(publicKey.isValidSignature(rsaSignature, for: Insecure.SHA1.hash(data: challenge), padding: .insecurePKCS1v1_5))
        }
    }

    @Test("6985: GET RESPONSE with nothing waiting") func getResponseWithNothingPending() throws {
        var card = try card()
        #expect(status(card.respond(to: [0x00, 0xC0, 0x00, 0x00, 0x00])) == .conditionsNotSatisfied)
    }

    @Test("6D00, 6E00, 6A86, 6700: what the profile does not know") func unknownCommands() throws {
        var card = try card()
        #expect(status(card.respond(to: [0x00, 0x84, 0x00, 0x00, 0x08])) == .instructionNotSupported)
        #expect(status(card.respond(to: [0x80, 0xA4, 0x04, 0x0C])) == .classNotSupported)
        #expect(status(card.respond(to: [0x00, 0x20, 0x00, 0x82])) == .incorrectParameters)
        #expect(status(card.respond(to: [0x00, 0xA4])) == .wrongLength)
    }

    @Test func personasWithImpossibleContentsAreRefused() throws {
        var persona = Self.persona
        persona.keyPEM = "not a key"
        #expect(throws: VirtualCardError.invalidPersona("key_pem is not a PEM RSA private key")) {
            try VirtualCard(persona: persona)
        }
        persona = Self.persona
        persona.triesLeft = 9
        #expect(throws: VirtualCardError.self) { try VirtualCard(persona: persona) }
    }
}
