import Foundation
import Simulator
import SmartCard
import Testing
import X509

/// The PIV card's application, data objects and PIN, command by command, as OpenSC 0.23's PIV
/// driver sends them, and its answers to other drivers' probes.
@Suite struct PIVCardTests {
    @Test("the ATR carries the PIV AID in compact-TLV F9 and a right check byte")
    func atr() {
        let atr = PIVCard.atr
        #expect(atr.prefix(2) == [0x3B, 0xFB], "direct convention, 11 historical bytes")
        #expect(Array(atr[9..<20]) == [0x80, 0xF9, 0xA0, 0x00, 0x00, 0x03, 0x08, 0x00, 0x00, 0x10, 0x00])
        #expect(atr.dropFirst().reduce(0, ^) == 0, "TCK makes T0 to TCK exclusive-or to zero")
        #expect(atr.count == 21)
    }

    @Test("6A82, 6D00, 6E00: other drivers' probes find nothing of theirs")
    func otherDriversProbes() throws {
        var card = try PIVCommands.card()
        for aid: [UInt8] in [
            [0x62, 0x76, 0x01, 0xFF, 0x00, 0x00, 0x00],  // CoolKey
            [0xA0, 0x00, 0x00, 0x00, 0x01, 0x01],  // MUSCLE
            [0xE8, 0x2B, 0x06, 0x01, 0x04, 0x01, 0x81, 0xC3, 0x1F, 0x02, 0x01],  // SmartCard-HSM
            [0xA0, 0x00, 0x00, 0x00, 0x77, 0x01, 0x08, 0x00, 0x07, 0x00, 0x00, 0xFE, 0x00, 0x00, 0x01, 0x00],  // EstEID
        ] {
            #expect(card.status(CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x00, data: aid, le: 256).bytes) == .fileNotFound)
        }
        #expect(card.status([0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00]) == .fileNotFound, "no master file")
        #expect(card.status([0x00, 0xCA, 0xDF, 0x30, 0x00]) == .instructionNotSupported)
        #expect(card.status([0x80, 0xCA, 0x9F, 0x7F, 0x00]) == .classNotSupported)
        #expect(card.status([0x00, 0xB0, 0x00, 0x00, 0x00]) == .instructionNotSupported, "no READ BINARY")
        #expect(card.status([0x00, 0xA4]) == .wrongLength)
    }

    @Test("9000: SELECT answers the application property template")
    func selectsTheApplication() throws {
        var card = try PIVCommands.card()
        let answer = card.transmit(PIVCommands.select)
        #expect(answer.status == .success)
        #expect(answer.data == [
            0x61, 0x11, 0x4F, 0x06, 0x00, 0x00, 0x10, 0x00, 0x01, 0x00, 0x79, 0x07, 0x4F, 0x05, 0xA0, 0x00, 0x00, 0x03, 0x08,
        ])
        let full = CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: [0xA0, 0x00, 0x00, 0x03, 0x08, 0x00, 0x00, 0x10, 0x00, 0x01, 0x00])
        #expect(card.respond(to: full.bytes) == [0x90, 0x00], "the full AID, no answer asked for")
    }

    @Test("61xx: Le 08 gives the object's first 8 bytes, then GET RESPONSE the rest")
    func getDataLearnsTheLengthThenReadsInChunks() throws {
        var card = try PIVCommands.card()
        let head = try #require(ResponseAPDU(bytes: card.respond(to: PIVCommands.getData(PIVCommands.certificateTag, le: 8))))
        #expect(head.data.count == 8)
        #expect(head.data.prefix(2) == [0x53, 0x82] && head.data[4...5] == [0x70, 0x82])
        #expect(head.status.sw1 == 0x61)
        let length = Int(head.data[2]) << 8 | Int(head.data[3])

        let first = try #require(ResponseAPDU(bytes: card.respond(to: PIVCommands.getData(PIVCommands.certificateTag))))
        #expect(first.data.count == 256 && first.status == StatusWord(0x6100), "Le 00: 256 bytes and more waiting")
        let whole = card.transmit(PIVCommands.getData(PIVCommands.certificateTag))
        #expect(whole.status == .success)
        #expect(whole.data.count == 4 + length)
        #expect(card.status([0x00, 0xC0, 0x00, 0x00, 0x00]) == .conditionsNotSatisfied, "nothing left waiting")
    }

    @Test("5FC105: 53 { 70 certificate, 71 00, FE }")
    func certificateObject() throws {
        var card = try PIVCommands.card()
        let object = card.transmit(PIVCommands.getData(PIVCommands.certificateTag)).data
        let certificate = try Certificate(pemEncoded: PIVCommands.persona.certificatePEM).serializeAsPEM().derBytes
        let body = [0x70, 0x82, UInt8(certificate.count >> 8), UInt8(certificate.count & 0xFF)] + certificate
            + [0x71, 0x01, 0x00, 0xFE, 0x00]
        #expect(object == [0x53, 0x82, UInt8(body.count >> 8), UInt8(body.count & 0xFF)] + body)
    }

    @Test("5FC102: a CHUID whose GUID ends with the UID, and the certificate's expiry")
    func chuid() throws {
        var card = try PIVCommands.card()
        let chuid = card.transmit(PIVCommands.getData(PIVCommands.chuidTag))
        #expect(chuid.status == .success)
        let guid: [UInt8] = [UInt8](repeating: 0, count: 10) + [0x55, 0x51, 0x00, 0x00, 0x00, 0x01]
        let expiry = try Certificate(pemEncoded: PIVCommands.persona.certificatePEM).notValidAfter
        let components = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: expiry)
        let date = String(format: "%04d%02d%02d", components.year!, components.month!, components.day!)
        #expect(chuid.data == [0x53, 0x20, 0x34, 0x10] + guid + [0x35, 0x08] + Array(date.utf8) + [0x3E, 0x00, 0xFE, 0x00])
    }

    @Test("6A82, 6A86, 6A80: objects it does not hold, and malformed GET DATA")
    func getDataOfWhatIsNotThere() throws {
        var card = try PIVCommands.card()
        for tag: [[UInt8]] in [[[0x7E]], [[0x5F, 0xC1, 0x07]], [[0x5F, 0xC1, 0x0C]], [[0x5F, 0xC1, 0x0A]], [[0x5F, 0xC1, 0x01]]] {
            #expect(card.status(PIVCommands.getData(tag[0])) == .fileNotFound, "\(tag)")
        }
        #expect(card.status(CommandAPDU(ins: 0xCB, p1: 0x00, p2: 0x00, data: [0x5C, 0x01, 0x7E], le: 256).bytes) == .incorrectParameters)
        #expect(card.status(CommandAPDU(ins: 0xCB, p1: 0x3F, p2: 0xFF, data: [0x5C, 0x05, 0x5F], le: 256).bytes) == .incorrectData)
    }

    @Test("63Cx: the PIN state spends no try; wrong PINs count down to 6983")
    func wrongPINsBlock() throws {
        var card = try PIVCommands.card()
        #expect(card.status(PIVCommands.pinState) == StatusWord(0x63C3))
        #expect(card.status(PIVCommands.pinState) == StatusWord(0x63C3))
        #expect(card.status(PIVCommands.verify("654321")) == StatusWord(0x63C2))
        #expect(card.status(PIVCommands.verify("654321")) == StatusWord(0x63C1))
        #expect(card.status(PIVCommands.pinState) == StatusWord(0x63C1))
        #expect(card.status(PIVCommands.verify("654321")) == StatusWord(0x63C0))
        #expect(card.status(PIVCommands.verify("123456")) == .authenticationMethodBlocked, "blocked: the right PIN too")
        #expect(card.status(PIVCommands.pinState) == .authenticationMethodBlocked)
        #expect(card.triesLeft == 0)
        card.reset()
        #expect(card.status(PIVCommands.pinState) == .authenticationMethodBlocked, "a reset does not unblock")
    }

    @Test("9000: the right PIN verifies and restores the tries; a reset forgets it")
    func rightPINVerifies() throws {
        var card = try PIVCommands.card(triesLeft: 1)
        #expect(card.status(PIVCommands.pinState) == StatusWord(0x63C1))
        #expect(card.status(PIVCommands.verify("123456")) == .success)
        #expect(card.status(PIVCommands.pinState) == .success)
        #expect(card.triesLeft == 3)
        #expect(card.status(PIVCommands.select) == .success)
        #expect(card.status(PIVCommands.pinState) == .success, "selecting the application again keeps it")
        card.reset()
        #expect(card.status(PIVCommands.pinState) == StatusWord(0x63C3))
    }

    @Test("6A88, 6A86, 6A80: other key references and badly padded PINs spend no try")
    func verifyRefusals() throws {
        var card = try PIVCommands.card()
        #expect(card.status([0x00, 0x20, 0x00, 0x81]) == StatusWord(0x6A88), "no PUK")
        #expect(card.status([0x00, 0x20, 0xFF, 0x80]) == .incorrectParameters)
        #expect(card.status([0x00, 0x20, 0x00, 0x80, 0x08, 0x31, 0x32, 0x33, 0x34, 0xFF, 0x35, 0xFF, 0xFF]) == .incorrectData)
        #expect(card.triesLeft == 3)
    }
}
