/// An ISO 7816-4 status word (SW1 SW2) as returned at the end of every card response.
public struct StatusWord: Hashable, Sendable, CustomStringConvertible {
    public let value: UInt16

    public init(_ value: UInt16) { self.value = value }
    public init(sw1: UInt8, sw2: UInt8) { self.value = UInt16(sw1) << 8 | UInt16(sw2) }

    public var sw1: UInt8 { UInt8(value >> 8) }
    public var sw2: UInt8 { UInt8(value & 0xFF) }
    public var description: String { hexString([sw1, sw2]) }

    public static let success = StatusWord(0x9000)
    public static let endOfFileReached = StatusWord(0x6282)
    public static let wrongLength = StatusWord(0x6700)
    public static let securityStatusNotSatisfied = StatusWord(0x6982)
    public static let authenticationMethodBlocked = StatusWord(0x6983)
    public static let conditionsNotSatisfied = StatusWord(0x6985)
    public static let noCurrentElementaryFile = StatusWord(0x6986)
    public static let incorrectData = StatusWord(0x6A80)
    public static let fileNotFound = StatusWord(0x6A82)
    public static let incorrectParameters = StatusWord(0x6A86)
    public static let wrongOffset = StatusWord(0x6B00)
    public static let instructionNotSupported = StatusWord(0x6D00)
    public static let classNotSupported = StatusWord(0x6E00)

    /// `61xx`: `xx` more response bytes wait for GET RESPONSE (`00` means 256).
    public var moreDataAvailable: Int? { sw1 == 0x61 ? (sw2 == 0 ? 256 : Int(sw2)) : nil }
    /// `6Cxx`: the command must be sent again with Le = `xx` (`00` means 256).
    public var correctLength: Int? { sw1 == 0x6C ? (sw2 == 0 ? 256 : Int(sw2)) : nil }
    /// `63Cx`: a verification failed and `x` tries remain.
    public var triesRemaining: Int? { sw1 == 0x63 && sw2 & 0xF0 == 0xC0 ? Int(sw2 & 0x0F) : nil }
}

/// A short command APDU (ISO 7816-4 cases 1 to 4); the profile needs nothing longer.
public struct CommandAPDU: Hashable, Sendable {
    public var cla: UInt8
    public var ins: UInt8
    public var p1: UInt8
    public var p2: UInt8
    public var data: [UInt8]
    /// Expected response length, 1...256, or `nil` when no response data is expected.
    public var le: Int?

    public init(cla: UInt8 = 0x00, ins: UInt8, p1: UInt8, p2: UInt8, data: [UInt8] = [], le: Int? = nil) {
        precondition(data.count <= 255, "short APDUs carry at most 255 data bytes")
        precondition(le.map { (1...256).contains($0) } ?? true, "Le must be 1...256")
        self.cla = cla
        self.ins = ins
        self.p1 = p1
        self.p2 = p2
        self.data = data
        self.le = le
    }

    /// The encoded bytes: header, then Lc and data when there is data, then Le when expected.
    public var bytes: [UInt8] {
        var encoded = [cla, ins, p1, p2]
        if !data.isEmpty {
            encoded.append(UInt8(data.count))
            encoded += data
        }
        if let le { encoded.append(UInt8(truncatingIfNeeded: le)) }  // 256 encodes as 00
        return encoded
    }

    /// Decodes a short APDU, as a card does; `nil` when the bytes are not one.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= 4 else { return nil }
        let header = (bytes[0], bytes[1], bytes[2], bytes[3])
        let body = Array(bytes.dropFirst(4))
        var data: [UInt8] = []
        var le: Int?
        switch body.count {
        case 0:
            break
        case 1:
            le = body[0] == 0 ? 256 : Int(body[0])
        default:
            let lc = Int(body[0])
            guard lc > 0, body.count == 1 + lc || body.count == 2 + lc else { return nil }
            data = Array(body[1...lc])
            if body.count == 2 + lc { le = body[lc + 1] == 0 ? 256 : Int(body[lc + 1]) }
        }
        self.init(cla: header.0, ins: header.1, p1: header.2, p2: header.3, data: data, le: le)
    }
}

/// A response APDU: the data, then the status word.
public struct ResponseAPDU: Hashable, Sendable {
    public var data: [UInt8]
    public var status: StatusWord

    public init(data: [UInt8] = [], status: StatusWord) {
        self.data = data
        self.status = status
    }

    /// Splits raw response bytes; `nil` when fewer than the two status bytes arrived.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= 2 else { return nil }
        self.data = Array(bytes.dropLast(2))
        self.status = StatusWord(sw1: bytes[bytes.count - 2], sw2: bytes[bytes.count - 1])
    }

    public var bytes: [UInt8] { data + [status.sw1, status.sw2] }
}
