import PKCS1
import Foundation
import SmartCard
import X509
import _CryptoExtras
import Crypto

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
    static let maximumTries = 3

    public let persona: Persona
    public private(set) var triesLeft: Int
    private let certificateDER: [UInt8]
    private let signingKey: _RSA.BlindSigning.PrivateKey<SHA384>
    private let pin: [UInt8]
    private let statusFaults: [String: StatusWord]
    private var applicationSelected = false
    private var certificateSelected = false
    private var verified = false
    private var pendingResponse: [UInt8] = []

    public init(persona: Persona) throws(VirtualCardError) {
        guard let certificate = try? Certificate(pemEncoded: persona.certificatePEM),
              let der = try? certificate.serializeAsPEM().derBytes
        else { throw .invalidPersona("cert_pem is not a PEM certificate") }
        guard let key = try? _RSA.BlindSigning.PrivateKey<SHA384>(unsafePEMRepresentation: persona.keyPEM) else {
            throw .invalidPersona("key_pem is not a PEM RSA private key")
        }
        guard (0...Self.maximumTries).contains(persona.triesLeft) else {
            throw .invalidPersona("tries_left must be 0 to \(Self.maximumTries)")
        }
        let faults = persona.faults ?? CardFaults()
        self.persona = persona
        self.triesLeft = persona.triesLeft
        self.statusFaults = try Self.statusWords(faults.statusWords ?? [:])
        if let length = faults.certificateLength, !(1..<der.count).contains(length) {
            throw .invalidPersona("faults.certificate_length must be 1 to \(der.count - 1), less than the certificate's")
        }
        if let length = faults.signatureLength, !(1...512).contains(length) {
            throw .invalidPersona("faults.signature_length must be 1 to 512")
        }
        self.certificateDER = Array(der.prefix(faults.certificateLength ?? der.count))
        self.signingKey = key
        self.pin = Array(persona.pin.utf8)
    }

    /// Power off or reset: the passcode must be verified again.
    public mutating func reset() {
        applicationSelected = false
        certificateSelected = false
        verified = false
        pendingResponse = []
    }

    /// The card's answer to one command APDU.
    public mutating func respond(to bytes: [UInt8]) -> [UInt8] {
        if let name = Self.commandName(of: bytes), let status = statusFaults[name] {
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

    /// The `status_words` fault checked: known command names, four hex digits each.
    private static func statusWords(_ texts: [String: String]) throws(VirtualCardError) -> [String: StatusWord] {
        var words: [String: StatusWord] = [:]
        for (name, text) in texts {
            guard commandNames.contains(name) else {
                throw .invalidPersona("faults.status_words: \"\(name)\" is not one of \(commandNames.sorted().joined(separator: ", "))")
            }
            guard text.count == 4, let value = UInt16(text, radix: 16) else {
                throw .invalidPersona("faults.status_words.\(name): \"\(text)\" is not four hex digits such as 6F00")
            }
            words[name] = StatusWord(value)
        }
        return words
    }

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
        guard offset < certificateDER.count else { return ResponseAPDU(status: .wrongOffset) }
        let chunk = Array(certificateDER[offset..<min(offset + wanted, certificateDER.count)])
        return ResponseAPDU(data: chunk, status: chunk.count < wanted ? .endOfFileReached : .success)
    }

    private mutating func verify(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p1 == 0x00, command.p2 == 0x81 else { return ResponseAPDU(status: .incorrectParameters) }
        guard triesLeft > 0 else { return ResponseAPDU(status: .authenticationMethodBlocked) }
        if command.data.isEmpty {
            return ResponseAPDU(status: verified ? .success : Self.triesRemaining(triesLeft))
        }
        guard command.data.count == 8 else { return ResponseAPDU(status: .wrongLength) }
        guard let presented = Self.unpadded(command.data) else { return ResponseAPDU(status: .incorrectData) }
        if presented == pin {
            triesLeft = Self.maximumTries
            verified = true
            return ResponseAPDU(status: .success)
        }
        triesLeft -= 1
        verified = false
        return ResponseAPDU(status: Self.triesRemaining(triesLeft))
    }

    /// The passcode from its 8-byte field: 4 to 8 printable ASCII characters, then `FF` padding.
    private static func unpadded(_ field: [UInt8]) -> [UInt8]? {
        let passcode = Array(field.prefix { $0 != 0xFF })
        guard field.dropFirst(passcode.count).allSatisfy({ $0 == 0xFF }),
              AuthenticationCard.passcodeLengths.contains(passcode.count),
              passcode.allSatisfy({ (0x21...0x7E).contains($0) })
        else { return nil }
        return passcode
    }

    private static func triesRemaining(_ tries: Int) -> StatusWord {
        StatusWord(sw1: 0x63, sw2: 0xC0 | UInt8(tries))
    }

    private mutating func sign(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p1 == 0x9E, command.p2 == 0x9A else { return ResponseAPDU(status: .incorrectParameters) }
        guard verified else { return ResponseAPDU(status: .securityStatusNotSatisfied) }
        guard SignatureDigest(digestInfo: command.data) != nil,
              let signature = try? signPKCS1(digestInfo: command.data)
        else { return ResponseAPDU(status: .incorrectData) }
        pendingResponse = persona.faults?.signatureLength.map { Self.resized(signature, to: $0) } ?? signature
        return ResponseAPDU(status: Self.moreData(pendingResponse.count))
    }

    /// RSA PKCS#1 v1.5 signature generation (RFC 8017 §8.2.1): `00 01 FF… 00 DigestInfo`, then the
    /// raw private-key operation, which swift-crypto offers only through RFC 9474 blind signing.
    private func signPKCS1(digestInfo: [UInt8]) throws -> [UInt8] {
        let modulusLength = signingKey.keySizeInBits / 8
        let padding = [UInt8](repeating: 0xFF, count: modulusLength - digestInfo.count - 3)
        let encoded: [UInt8] = [0x00, 0x01] + padding + [0x00] + digestInfo
        return Array(try signingKey.blindSignature(for: encoded).rawRepresentation)
    }

    /// The `signature_length` fault: `bytes` cut, or padded with zero bytes, to `length`.
    private static func resized(_ bytes: [UInt8], to length: Int) -> [UInt8] {
        Array(bytes.prefix(length)) + [UInt8](repeating: 0, count: max(0, length - bytes.count))
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
