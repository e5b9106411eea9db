import Foundation
import PKCS1
import Simulator
import SmartCard
import Testing

/// The misbehaviour a persona's `faults` asks of its virtual card.
@Suite struct VirtualCardFaultTests {
    private func card(_ faults: CardFaults) throws -> VirtualCard {
        var persona = VirtualCardTests.persona
        persona.faults = faults
        return try VirtualCard(persona: persona)
    }

    private func status(_ answer: [UInt8]) -> StatusWord { ResponseAPDU(bytes: answer)!.status }
    private func data(_ answer: [UInt8]) -> [UInt8] { ResponseAPDU(bytes: answer)!.data }

    @Test func commandsAreNamedAsTheFaultsNameThem() {
        #expect(VirtualCard.commandName(of: VirtualCardTests.selectApplication) == "select")
        #expect(VirtualCard.commandName(of: [0x00, 0xB0, 0x00, 0x00, 0x00]) == "read")
        #expect(VirtualCard.commandName(of: VirtualCardTests.verifyStatus) == "tries")
        #expect(VirtualCard.commandName(of: VirtualCardTests.verify("123456")) == "verify")
        #expect(VirtualCard.commandName(of: VirtualCardTests.sign([0x30, 0x00])) == "sign")
    }

    @Test func aStatusWordFaultReplacesTheWholeAnswerOfItsCommandOnly() throws {
        var card = try card(CardFaults(statusWords: ["verify": "9A5C"]))
        #expect(card.respond(to: VirtualCardTests.verify("123456")) == [0x9A, 0x5C])
        #expect(status(card.respond(to: VirtualCardTests.verifyStatus)).triesRemaining == 3, "no try was spent")
        #expect(status(card.respond(to: VirtualCardTests.selectApplication)) == .success)
    }

    @Test func aCutCertificateEndsEarly() throws {
        var card = try card(CardFaults(certificateLength: 300))
        _ = card.respond(to: VirtualCardTests.selectApplication)
        _ = card.respond(to: VirtualCardTests.selectCertificate)
        #expect(data(card.respond(to: [0x00, 0xB0, 0x00, 0x00, 0x00])).count == 256)
        let last = card.respond(to: [0x00, 0xB0, 0x01, 0x00, 0x00])
        #expect(status(last) == .endOfFileReached && data(last).count == 44)
        #expect(status(card.respond(to: [0x00, 0xB0, 0x01, 0x2C, 0x00])) == .wrongOffset)
    }

    @Test(arguments: [255, 300])
    func aSignatureOfTheWrongLength(length: Int) throws {
        var card = try card(CardFaults(signatureLength: length))
        _ = card.respond(to: VirtualCardTests.verify("123456"))
        let digestInfo = SignatureDigest.sha256.digestInfo(over: Array("challenge".utf8))
        let first = card.respond(to: VirtualCardTests.sign(digestInfo))
        #expect(status(first).moreDataAvailable == min(length, 256))
        var signature: [UInt8] = []
        var answer = first
        while let available = status(answer).moreDataAvailable {
            answer = card.respond(to: [0x00, 0xC0, 0x00, 0x00, UInt8(truncatingIfNeeded: available)])
            signature += data(answer)
        }
        #expect(signature.count == length)
    }

    @Test func impossibleFaultsAreRefused() {
        #expect(throws: VirtualCardError.self) { try card(CardFaults(statusWords: ["erase": "6F00"])) }
        #expect(throws: VirtualCardError.self) { try card(CardFaults(statusWords: ["read": "6F"])) }
        #expect(throws: VirtualCardError.self) { try card(CardFaults(certificateLength: 0)) }
        #expect(throws: VirtualCardError.self) { try card(CardFaults(certificateLength: 100_000)) }
        #expect(throws: VirtualCardError.self) { try card(CardFaults(signatureLength: 0)) }
    }
}
