import PKCS1
import SmartCard

/// A smartcard that implements the card profile (`spec/card-profile.md`) exactly, failure status
/// words included: APDU in, APDU out, with no I/O of its own.
///
/// Like a real card it keeps its passcode tries for as long as it exists, and forgets the verified
/// state and any pending response on every power-off and reset.
public struct VirtualCard {
    /// The ATR pcsc-tools lists for the NHS CIS smartcard (JCOP41).
    public static let atr: [UInt8] = [
        0x3B, 0xF9, 0x18, 0x00, 0x00, 0x81, 0x31, 0xFE, 0x45, 0x4A, 0x43, 0x4F, 0x50, 0x34, 0x31, 0x56, 0x32,
        0x32, 0xAF,
    ]

    public let persona: Persona
    /// Passcode tries left before the card blocks.
    public var triesLeft: Int { passcode.triesLeft }
    private let contents: CardContents
    private var passcode: PasscodeCounter
    private var applicationSelected = false
    private var certificateSelected = false
    private var pendingResponse: [UInt8] = []

    public init(persona: Persona) throws(VirtualCardError) {
        self.persona = persona
        self.contents = try CardContents(persona: persona)
        self.passcode = try PasscodeCounter(persona: persona)
    }

    /// Power off or reset: the passcode must be verified again.
    public mutating func reset() {
        applicationSelected = false
        certificateSelected = false
        passcode.forget()
        pendingResponse = []
    }

    /// The card's answer to one command APDU.
    public mutating func respond(to bytes: [UInt8]) -> [UInt8] {
        if let name = Self.commandName(of: bytes), let status = contents.statusFaults[name] {
            pendingResponse = []
            return ResponseAPDU(status: status).bytes
        }
        guard let command = CommandAPDU(bytes: bytes) else { return ResponseAPDU(status: .wrongLength).bytes }
        if command.ins != 0xC0 { pendingResponse = [] }
        guard command.cla == 0x00 else { return ResponseAPDU(status: .classNotSupported).bytes }
        let response: ResponseAPDU
        switch command.ins {
        case 0xA4: response = select(command)
        case 0xB0: response = readBinary(command)
        case 0x20: response = verify(command)
        case 0x2A: response = sign(command)
        case 0xC0: response = getResponse(command)
        default: response = ResponseAPDU(status: .instructionNotSupported)
        }
        return response.bytes
    }

    /// The profile's name for a command, as used by ``CardFaults``: `select`, `read`, `tries`
    /// (VERIFY without a passcode), `verify` (VERIFY with one) or `sign`.
    public static func commandName(of bytes: [UInt8]) -> String? {
        guard bytes.count >= 2 else { return nil }
        return switch bytes[1] {
        case 0xA4: "select"
        case 0xB0: "read"
        case 0x20: bytes.count > 5 ? "verify" : "tries"
        case 0x2A: "sign"
        default: nil
        }
    }

    /// The names of the commands that faults can be given for.
    public static let commandNames: Set<String> = ["select", "read", "tries", "verify", "sign"]

    private mutating func select(_ command: CommandAPDU) -> ResponseAPDU {
        switch (command.p1, command.p2) {
        case (0x04, 0x0C), (0x04, 0x00):
            applicationSelected = command.data == AuthenticationCard.applicationID
            certificateSelected = false
            return ResponseAPDU(status: applicationSelected ? .success : .fileNotFound)
        case (0x02, 0x0C), (0x02, 0x00):
            guard command.data.count == 2 else { return ResponseAPDU(status: .wrongLength) }
            certificateSelected = applicationSelected && command.data == AuthenticationCard.certificateFileID
            return ResponseAPDU(status: certificateSelected ? .success : .fileNotFound)
        default:
            return ResponseAPDU(status: .incorrectParameters)
        }
    }

    private func readBinary(_ command: CommandAPDU) -> ResponseAPDU {
        guard certificateSelected else { return ResponseAPDU(status: .noCurrentElementaryFile) }
        guard command.p1 & 0x80 == 0 else { return ResponseAPDU(status: .incorrectParameters) }
        let offset = Int(command.p1) << 8 | Int(command.p2)
        let wanted = command.le ?? 256
        guard offset < contents.certificateDER.count else { return ResponseAPDU(status: .wrongOffset) }
        let chunk = Array(contents.certificateDER[offset..<min(offset + wanted, contents.certificateDER.count)])
        return ResponseAPDU(data: chunk, status: chunk.count < wanted ? .endOfFileReached : .success)
    }

    private mutating func verify(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p1 == 0x00, command.p2 == 0x81 else { return ResponseAPDU(status: .incorrectParameters) }
        return ResponseAPDU(status: passcode.verify(command.data))
    }

    private mutating func sign(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p1 == 0x9E, command.p2 == 0x9A else { return ResponseAPDU(status: .incorrectParameters) }
        guard passcode.isVerified else { return ResponseAPDU(status: .securityStatusNotSatisfied) }
        guard SignatureDigest(digestInfo: command.data) != nil,
              let signature = contents.rawSignature(of: Self.pkcs1Block(digestInfo: command.data, length: contents.modulusLength))
        else { return ResponseAPDU(status: .incorrectData) }
        pendingResponse = signature
        return ResponseAPDU(status: Self.moreData(pendingResponse.count))
    }

    /// RSA PKCS#1 v1.5 signature encoding (RFC 8017 §9.2): `00 01 FF… 00 DigestInfo`.
    private static func pkcs1Block(digestInfo: [UInt8], length: Int) -> [UInt8] {
        [0x00, 0x01] + [UInt8](repeating: 0xFF, count: length - digestInfo.count - 3) + [0x00] + digestInfo
    }

    private mutating func getResponse(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p1 == 0, command.p2 == 0 else { return ResponseAPDU(status: .incorrectParameters) }
        guard !pendingResponse.isEmpty else { return ResponseAPDU(status: .conditionsNotSatisfied) }
        let wanted = command.le ?? 256
        guard wanted <= pendingResponse.count else {
            return ResponseAPDU(status: StatusWord(sw1: 0x6C, sw2: UInt8(truncatingIfNeeded: pendingResponse.count)))
        }
        let chunk = Array(pendingResponse.prefix(wanted))
        pendingResponse.removeFirst(wanted)
        return ResponseAPDU(data: chunk, status: pendingResponse.isEmpty ? .success : Self.moreData(pendingResponse.count))
    }

    private static func moreData(_ available: Int) -> StatusWord {
        StatusWord(sw1: 0x61, sw2: UInt8(truncatingIfNeeded: min(available, 256)))
    }
}

/// Why a persona cannot become a virtual card.
public enum VirtualCardError: Error, Equatable, CustomStringConvertible {
    case invalidPersona(String)

    public var description: String {
        switch self {
        case .invalidPersona(let reason): "invalid persona: \(reason)"
        }
    }
}
