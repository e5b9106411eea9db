import SmartCard

/// A PIV card (NIST SP 800-73-4) made from a persona: the subset OpenSC's PIV driver uses, with
/// the persona's certificate as the PIV Authentication certificate, its RSA-2048 key as key `9A`
/// and its passcode as the PIV application PIN. APDU in, APDU out, with no I/O of its own.
///
/// Like ``VirtualCard`` it keeps its PIN tries for as long as it exists, and forgets the
/// verification, a pending answer and a half-sent chain on every power-off and reset. Commands of
/// other applications are answered as a PIV-only card would: `6A82`, `6D00`, `6E00`.
public struct PIVCard {
    /// T=1, with the PIV application identifier in the historical bytes.
    public static let atr = PIVApplication.atr

    public let persona: Persona
    /// PIN tries left before the card blocks.
    public var triesLeft: Int { passcode.triesLeft }
    let contents: CardContents
    private let objects: [[UInt8]: [UInt8]]
    var passcode: PasscodeCounter
    var chain = CommandChain()
    var pending = PendingResponse()

    public init(persona: Persona) throws(VirtualCardError) {
        self.persona = persona
        contents = try CardContents(persona: persona)
        guard contents.modulusLength == 256 else { throw .invalidPersona("a PIV card's key must be RSA 2048") }
        passcode = try PasscodeCounter(persona: persona)
        objects = try PIVDataObjects.objects(
            uid: persona.uid, certificate: contents.certificate, certificateDER: contents.certificateDER)
    }

    /// Power off or reset: the PIN must be verified again.
    public mutating func reset() {
        passcode.forget()
        chain.reset()
        pending.discard()
    }

    /// The card's answer to one command APDU.
    public mutating func respond(to bytes: [UInt8]) -> [UInt8] {
        if let name = Self.commandName(of: bytes), let status = contents.statusFaults[name] {
            chain.reset()
            pending.discard()
            return ResponseAPDU(status: status).bytes
        }
        guard let command = CommandAPDU(bytes: bytes) else { return ResponseAPDU(status: .wrongLength).bytes }
        if command.ins != 0xC0 { pending.discard() }
        if command.ins != 0x87 { chain.reset() }
        return answer(command).bytes
    }

    private mutating func answer(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.cla & ~0x10 == 0x00 else { return ResponseAPDU(status: .classNotSupported) }
        guard command.cla == 0x00 || command.ins == 0x87 else {
            return ResponseAPDU(status: StatusWord(0x6884))  // command chaining not supported
        }
        switch command.ins {
        case 0xA4: return select(command)
        case 0xCB: return getData(command)
        case 0x20: return verify(command)
        case 0x87: return generalAuthenticate(command)
        case 0xC0: return getResponse(command)
        default: return ResponseAPDU(status: .instructionNotSupported)
        }
    }

    /// The names ``CardFaults`` uses, on a PIV card: `select`, `read` (GET DATA), `tries` (VERIFY
    /// without a PIN), `verify` (VERIFY with one) and `sign` (the last command of a GENERAL
    /// AUTHENTICATE chain).
    public static func commandName(of bytes: [UInt8]) -> String? {
        guard bytes.count >= 2 else { return nil }
        return switch bytes[1] {
        case 0xA4: "select"
        case 0xCB: "read"
        case 0x20: bytes.count > 5 ? "verify" : "tries"
        case 0x87 where bytes[0] & 0x10 == 0: "sign"
        default: nil
        }
    }

    /// Only the PIV application is here; right-truncated identifiers select it too.
    private mutating func select(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p1 == 0x04, !command.data.isEmpty, PIVApplication.aid.starts(with: command.data) else {
            return ResponseAPDU(status: .fileNotFound)
        }
        guard command.p2 != 0x0C else { return ResponseAPDU(status: .success) }
        return pending.answer(PIVApplication.propertyTemplate, le: command.le)
    }

    /// GET DATA `3F FF` with the tag list `5C tag`.
    private mutating func getData(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p1 == 0x3F, command.p2 == 0xFF else { return ResponseAPDU(status: .incorrectParameters) }
        guard let list = BERTLV.sequence(command.data), list.count == 1, list[0].tag == [0x5C] else {
            return ResponseAPDU(status: .incorrectData)
        }
        guard let object = objects[list[0].value] else { return ResponseAPDU(status: .fileNotFound) }
        return pending.answer(object, le: command.le)
    }

    /// VERIFY of the PIV application PIN (key reference `80`).
    private mutating func verify(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p1 == 0x00 else { return ResponseAPDU(status: .incorrectParameters) }
        guard command.p2 == 0x80 else { return ResponseAPDU(status: StatusWord(0x6A88)) }  // no such reference data
        return ResponseAPDU(status: passcode.verify(command.data))
    }

    private mutating func getResponse(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p1 == 0, command.p2 == 0 else { return ResponseAPDU(status: .incorrectParameters) }
        guard !pending.isEmpty else { return ResponseAPDU(status: .conditionsNotSatisfied) }
        return pending.next(command.le ?? 256)
    }
}
