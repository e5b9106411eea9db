import Crypto
import Foundation
import Simulator
import SmartCard
import Testing
import X509
import _CryptoExtras

/// GENERAL AUTHENTICATE with key 9A: command chaining, the answer through `61xx`, the PIN it
/// needs, and the `faults` that apply to a PIV card.
@Suite struct PIVSigningTests {
    static let message = Array("a challenge from the GAS server".utf8)

    /// Verifies the PIN, sends the chained command and returns the last answer, followed through `61xx`.
    private func sign(_ card: inout PIVCard, verifying: Bool = true) -> (first: StatusWord, last: ResponseAPDU) {
        if verifying { _ = card.respond(to: PIVCommands.verify("123456")) }
        let parts = PIVCommands.generalAuthenticate(PIVCommands.pkcs1Block(over: Self.message))
        let first = card.status(parts[0])
        return (first, card.transmit(parts[1]))
    }

    @Test("7C 82 01 04 82 82 01 00: the raw RSA signature verifies against the certificate")
    func signsWithKey9A() throws {
        var card = try PIVCommands.card()
        _ = card.respond(to: PIVCommands.verify("123456"))
        let parts = PIVCommands.generalAuthenticate(PIVCommands.pkcs1Block(over: Self.message))
        #expect(parts[0].prefix(5) == [0x10, 0x87, 0x07, 0x9A, 0xFF] && parts[1].prefix(5) == [0x00, 0x87, 0x07, 0x9A, 0x0B])
        #expect(card.status(parts[0]) == .success, "the first part is acknowledged")
        let head = try #require(ResponseAPDU(bytes: card.respond(to: parts[1])))
        #expect(head.data.count == 256 && head.status == StatusWord(0x6108), "264 bytes: 256, then 8 through GET RESPONSE")
        let tail = try #require(ResponseAPDU(bytes: card.respond(to: [0x00, 0xC0, 0x00, 0x00, 0x08])))
        #expect(tail.status == .success)
        let answer = head.data + tail.data
        #expect(answer.prefix(8) == [0x7C, 0x82, 0x01, 0x04, 0x82, 0x82, 0x01, 0x00])

        let certificate = try Certificate(pemEncoded: PIVCommands.persona.certificatePEM)
        let key = try #require(_RSA.Signing.PublicKey(certificate.publicKey))
        let signature = _RSA.Signing.RSASignature(rawRepresentation: answer.dropFirst(8))
        #expect(key.isValidSignature(signature, for: SHA256.hash(data: Self.message), padding: .insecurePKCS1v1_5))
    }

    @Test("6982: no signature before VERIFY, nor after a reset")
    func signingNeedsThePIN() throws {
        var card = try PIVCommands.card()
        #expect(sign(&card, verifying: false).last.status == .securityStatusNotSatisfied)
        #expect(sign(&card).last.status == .success)
        #expect(sign(&card, verifying: false).last.status == .success, "the PIN stays verified: PIN once, not PIN always")
        card.reset()
        #expect(sign(&card, verifying: false).last.status == .securityStatusNotSatisfied)
    }

    @Test("6A86: only algorithm 07 with key 9A")
    func otherKeysAndAlgorithms() throws {
        var card = try PIVCommands.card()
        _ = card.respond(to: PIVCommands.verify("123456"))
        let rsa1024 = PIVCommands.generalAuthenticate(PIVCommands.pkcs1Block(over: Self.message), algorithm: 0x06)
        #expect(card.status(rsa1024[0]) == .incorrectParameters)
        let keyManagement = CommandAPDU(ins: 0x87, p1: 0x07, p2: 0x9D, data: [0x7C, 0x00], le: 256)
        #expect(card.status(keyManagement.bytes) == .incorrectParameters)
    }

    @Test("6A80: a block that is not the modulus's length, or a template without 82 00")
    func malformedInput() throws {
        var card = try PIVCommands.card()
        _ = card.respond(to: PIVCommands.verify("123456"))
        let short: [UInt8] = [0x7C, 0x0A, 0x82, 0x00, 0x81, 0x06] + [UInt8](repeating: 1, count: 6)
        #expect(card.status(CommandAPDU(ins: 0x87, p1: 0x07, p2: 0x9A, data: short, le: 256).bytes) == .incorrectData)
        let noResponseTag: [UInt8] = [0x7C, 0x06, 0x81, 0x04, 1, 2, 3, 4]
        #expect(card.status(CommandAPDU(ins: 0x87, p1: 0x07, p2: 0x9A, data: noResponseTag, le: 256).bytes) == .incorrectData)
        let aboveModulus = PIVCommands.generalAuthenticate([UInt8](repeating: 0xFF, count: 256))
        #expect(card.status(aboveModulus[0]) == .success)
        #expect(card.status(aboveModulus[1]) == .incorrectData)
    }

    @Test("a chain broken by another command, or by another key, is dropped")
    func brokenChains() throws {
        var card = try PIVCommands.card()
        _ = card.respond(to: PIVCommands.verify("123456"))
        let parts = PIVCommands.generalAuthenticate(PIVCommands.pkcs1Block(over: Self.message))
        #expect(card.status(parts[0]) == .success)
        #expect(card.status(PIVCommands.pinState) == .success)
        #expect(card.status(parts[1]) == .incorrectData, "the last part alone is no template")

        #expect(card.status(parts[0]) == .success)
        let otherKey = CommandAPDU(ins: 0x87, p1: 0x07, p2: 0x9C, data: Array(parts[1][5..<16]), le: 256)
        #expect(card.status(otherKey.bytes) == .incorrectParameters)
        #expect(card.status(parts[1]) == .incorrectData, "the chain was dropped")

        #expect(card.status(parts[0]) == .success)
        #expect(card.transmit(parts[1]).status == .success, "a whole chain after broken ones still signs")
        #expect(card.status([0x10, 0xCB, 0x3F, 0xFF, 0x03, 0x5C, 0x01, 0x7E]) == StatusWord(0x6884), "GET DATA is not chained")
    }

    @Test("6700: a chain longer than 4096 bytes is dropped")
    func overlongChain() throws {
        var card = try PIVCommands.card()
        _ = card.respond(to: PIVCommands.verify("123456"))
        let part = CommandAPDU(cla: 0x10, ins: 0x87, p1: 0x07, p2: 0x9A, data: [UInt8](repeating: 0, count: 255)).bytes
        for _ in 0..<16 { #expect(card.status(part) == .success) }
        #expect(card.status(part) == .wrongLength, "the 17th part passes 4096 bytes")
        #expect(sign(&card, verifying: false).last.status == .success, "a new chain after it signs")
    }

    @Test("a reset drops a half-sent chain and a pending answer")
    func resetDropsChainAndPendingAnswer() throws {
        var card = try PIVCommands.card()
        _ = card.respond(to: PIVCommands.getData(PIVCommands.certificateTag))
        card.reset()
        #expect(card.status([0x00, 0xC0, 0x00, 0x00, 0x00]) == .conditionsNotSatisfied)
        _ = card.respond(to: PIVCommands.verify("123456"))
        let parts = PIVCommands.generalAuthenticate(PIVCommands.pkcs1Block(over: Self.message))
        #expect(card.status(parts[0]) == .success)
        card.reset()
        _ = card.respond(to: PIVCommands.verify("123456"))
        #expect(card.status(parts[1]) == .incorrectData)
    }

    @Test func commandsAreNamedAsTheFaultsNameThem() {
        let parts = PIVCommands.generalAuthenticate(PIVCommands.pkcs1Block(over: Self.message))
        #expect(PIVCard.commandName(of: PIVCommands.select) == "select")
        #expect(PIVCard.commandName(of: PIVCommands.getData(PIVCommands.certificateTag)) == "read")
        #expect(PIVCard.commandName(of: PIVCommands.pinState) == "tries")
        #expect(PIVCard.commandName(of: PIVCommands.verify("123456")) == "verify")
        #expect(PIVCard.commandName(of: parts[0]) == nil, "the chain's first part is not yet the signing")
        #expect(PIVCard.commandName(of: parts[1]) == "sign")
        #expect(PIVCard.commandName(of: [0x00, 0xC0, 0x00, 0x00, 0x00]) == nil)
    }

    @Test func faultsApplyToThePIVCard() throws {
        var card = try PIVCommands.card(faults: CardFaults(statusWords: ["sign": "6F00", "read": "6A82"]))
        #expect(card.status(PIVCommands.getData(PIVCommands.chuidTag)) == .fileNotFound)
        #expect(sign(&card).last.status == StatusWord(0x6F00))

        var cut = try PIVCommands.card(faults: CardFaults(certificateLength: 300, signatureLength: 255))
        let object = cut.transmit(PIVCommands.getData(PIVCommands.certificateTag)).data
        #expect(object.count == 4 + 4 + 300 + 5, "a 70 of the cut certificate's 300 bytes")
        let signed = sign(&cut).last
        #expect(signed.data.prefix(7) == [0x7C, 0x82, 0x01, 0x02, 0x82, 0x81, 0xFF] && signed.data.count == 7 + 255)
    }

    @Test func personasThatCannotBePIVCardsAreRefused() throws {
        var persona = PIVCommands.persona
        persona.uid = "not digits"
        #expect(throws: VirtualCardError.invalidPersona("uid must be 1 to 32 digits to make a PIV card's GUID")) {
            try PIVCard(persona: persona)
        }
        persona = PIVCommands.persona
        persona.keyPEM = try _RSA.Signing.PrivateKey(keySize: .bits3072).pemRepresentation
        #expect(throws: VirtualCardError.invalidPersona("a PIV card's key must be RSA 2048")) { try PIVCard(persona: persona) }
    }
}
