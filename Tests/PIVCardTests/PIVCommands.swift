import Foundation
import PKCS1
import Simulator
import SmartCard

/// The commands OpenSC's PIV driver sends, a test persona, and a reader's side of `61xx`.
enum PIVCommands {
    static let authority = try! DemoCertificateAuthority()
    static let persona = try! authority.makePersona(
        uid: "555100000001", pin: "123456", notValidBefore: Date(), notValidAfter: Date().addingTimeInterval(86_400))

    static func card(triesLeft: Int = 3, faults: CardFaults? = nil) throws -> PIVCard {
        var persona = Self.persona
        persona.triesLeft = triesLeft
        persona.faults = faults
        return try PIVCard(persona: persona)
    }

    /// SELECT of the PIV application by its first nine bytes, as OpenSC sends it.
    static let select = CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x00, data: [0xA0, 0x00, 0x00, 0x03, 0x08, 0x00, 0x00, 0x10, 0x00], le: 256).bytes

    /// GET DATA of the object with `tag`, e.g. `5F C1 05`.
    static func getData(_ tag: [UInt8], le: Int = 256) -> [UInt8] {
        CommandAPDU(ins: 0xCB, p1: 0x3F, p2: 0xFF, data: [0x5C, UInt8(tag.count)] + tag, le: le).bytes
    }

    static let certificateTag: [UInt8] = [0x5F, 0xC1, 0x05]
    static let chuidTag: [UInt8] = [0x5F, 0xC1, 0x02]

    /// VERIFY of the PIV PIN, padded with `FF` to 8 bytes.
    static func verify(_ pin: String) -> [UInt8] {
        let digits = Array(pin.utf8)
        return CommandAPDU(ins: 0x20, p1: 0x00, p2: 0x80, data: digits + [UInt8](repeating: 0xFF, count: 8 - digits.count)).bytes
    }

    /// VERIFY with no data: the PIN's state.
    static let pinState: [UInt8] = [0x00, 0x20, 0x00, 0x80]

    /// GENERAL AUTHENTICATE with key 9A and algorithm 07 over `block`, as OpenSC chains it:
    /// 255 bytes with CLA 10, then the rest with CLA 00 and Le 00.
    static func generalAuthenticate(_ block: [UInt8], algorithm: UInt8 = 0x07) -> [[UInt8]] {
        let template = authenticationTemplate(block)
        return [
            CommandAPDU(cla: 0x10, ins: 0x87, p1: algorithm, p2: 0x9A, data: Array(template.prefix(255))).bytes,
            CommandAPDU(ins: 0x87, p1: algorithm, p2: 0x9A, data: Array(template.dropFirst(255)), le: 256).bytes,
        ]
    }

    /// `7C 82 01 06 82 00 81 82 01 00 block`.
    static func authenticationTemplate(_ block: [UInt8]) -> [UInt8] {
        [0x7C, 0x82, 0x01, 0x06, 0x82, 0x00, 0x81, 0x82, 0x01, 0x00] + block
    }

    /// The block OpenSC hands the card for a PKCS#1 v1.5 signature: `00 01 FF… 00 DigestInfo`.
    static func pkcs1Block(over message: [UInt8]) -> [UInt8] {
        let digestInfo = SignatureDigest.sha256.digestInfo(over: message)
        return [0x00, 0x01] + [UInt8](repeating: 0xFF, count: 256 - digestInfo.count - 3) + [0x00] + digestInfo
    }
}

extension PIVCard {
    /// Sends `command`, then GET RESPONSE while the card says `61xx`, as a reader's driver does:
    /// the whole answer's data and its last status word.
    mutating func transmit(_ command: [UInt8]) -> ResponseAPDU {
        var answer = ResponseAPDU(bytes: respond(to: command))!
        var data = answer.data
        while let available = answer.status.moreDataAvailable {
            answer = ResponseAPDU(bytes: respond(to: [0x00, 0xC0, 0x00, 0x00, UInt8(truncatingIfNeeded: available)]))!
            data += answer.data
        }
        return ResponseAPDU(data: data, status: answer.status)
    }

    /// The status word of one command, without following `61xx`.
    mutating func status(_ command: [UInt8]) -> StatusWord {
        ResponseAPDU(bytes: respond(to: command))!.status
    }
}
