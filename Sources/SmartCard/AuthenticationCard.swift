import Secrets

/// An NHS smartcard seen through the kiosk's card profile (`spec/card-profile.md`): select the
/// application, read the authentication certificate, verify the passcode, sign.
///
/// It works over any ``CardTransport``: a PC/SC ``CardChannel``, or a virtual card in-process.
public final class AuthenticationCard {
    /// The application identifier of the card profile.
    public static let applicationID: [UInt8] = [0xF0, 0x43, 0x4D, 0x43, 0x4B, 0x49, 0x4F, 0x53, 0x4B, 0x01]
    /// The file identifier of the authentication certificate.
    public static let certificateFileID: [UInt8] = [0xC0, 0x01]
    /// Passcodes are 4 to 8 characters (new ones 6 to 8 digits).
    public static let passcodeLengths = 4...8
    /// The largest certificate the profile can address (offsets up to 0x7FFF).
    static let maximumCertificateLength = 0x7FFF

    private let transport: any CardTransport
    /// The certificate, once ``readCertificate()`` has read it; signatures are checked against it.
    public private(set) var certificate: CardCertificate?

    public init(transport: any CardTransport) {
        self.transport = transport
    }

    /// Selects the kiosk application; a card without it is not a supported NHS smartcard.
    public func selectApplication() throws(CardProfileError) {
        let response = try send(CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: Self.applicationID))
        switch response.status {
        case .success: return
        case .fileNotFound: throw .unsupportedCard
        default: throw .unexpectedStatus(response.status, step: .selectApplication)
        }
    }

    /// Reads the authentication certificate in chunks, its length taken from its DER header.
    public func readCertificate() throws(CardProfileError) -> CardCertificate {
        let selection = try send(CommandAPDU(ins: 0xA4, p1: 0x02, p2: 0x0C, data: Self.certificateFileID))
        switch selection.status {
        case .success: break
        case .fileNotFound: throw .notPersonalised
        default: throw .unexpectedStatus(selection.status, step: .selectCertificate)
        }
        var bytes: [UInt8] = []
        var expectedLength: Int?
        while bytes.count < (expectedLength ?? Self.maximumCertificateLength) {
            let chunk = try readBinary(at: bytes.count)
            if chunk.isEmpty { break }
            bytes += chunk
            if expectedLength == nil, let length = DERLength.totalLength(ofElementStartingWith: bytes) {
                guard length <= Self.maximumCertificateLength else {
                    throw .unreadableCertificate("the certificate claims \(length) bytes, more than a card holds")
                }
                expectedLength = length
            }
        }
        guard let expectedLength, bytes.count >= expectedLength else {
            throw .unreadableCertificate("the certificate on the card is truncated (\(bytes.count) bytes read)")
        }
        let read = try CardCertificate(der: Array(bytes.prefix(expectedLength)))
        certificate = read
        return read
    }

    /// One READ BINARY: the bytes at `offset`, or none past the end of the file.
    private func readBinary(at offset: Int) throws(CardProfileError) -> [UInt8] {
        let response = try send(CommandAPDU(ins: 0xB0, p1: UInt8(offset >> 8), p2: UInt8(offset & 0xFF), le: 256))
        switch response.status {
        case .success, .endOfFileReached: return response.data
        case .wrongOffset: return []
        default: throw .unexpectedStatus(response.status, step: .readCertificate)
        }
    }

    /// Asks how many passcode tries remain, spending none.
    public func passcodeStatus() throws(CardProfileError) -> PasscodeStatus {
        let response = try send(CommandAPDU(ins: 0x20, p1: 0x00, p2: 0x81))
        if let tries = response.status.triesRemaining { return tries == 0 ? .blocked : .triesLeft(tries) }
        switch response.status {
        case .success: return .verified
        case .authenticationMethodBlocked: return .blocked
        default: throw .unexpectedStatus(response.status, step: .passcodeStatus)
        }
    }

    /// Presents the passcode to the card, then wipes it, whatever the outcome.
    ///
    /// A passcode outside 4 to 8 characters is refused here, spending no try. The command is built
    /// in locked memory and wiped after use, like the passcode.
    public func verify(passcode: SecretBuffer) throws(CardProfileError) -> PasscodeVerification {
        defer { passcode.wipe() }
        guard !passcode.overflowed, Self.passcodeLengths.contains(passcode.count) else { return .badFormat }
        let command = SecretBuffer(capacity: 13)
        defer { command.wipe() }
        [0x00, 0x20, 0x00, 0x81, 0x08].forEach(command.append)
        passcode.withUnsafeBytes { $0.forEach(command.append) }
        (passcode.count..<8).forEach { _ in command.append(0xFF) }

        let result = command.withUnsafeBytes { bytes in
            Result { () throws(CardError) in try transport.sendSensitive(bytes) }
        }
        let response: ResponseAPDU
        do {
            response = try result.get()
        } catch {
            throw .card(error)
        }
        if let tries = response.status.triesRemaining { return tries == 0 ? .blocked : .wrong(triesLeft: tries) }
        switch response.status {
        case .success: return .verified
        case .authenticationMethodBlocked: return .blocked
        case .wrongLength, .incorrectData: return .badFormat
        default: throw .unexpectedStatus(response.status, step: .verifyPasscode)
        }
    }

    /// Has the card sign a DER `DigestInfo` (PKCS#1 v1.5 padding is the card's job).
    public func sign(digestInfo: [UInt8]) throws(CardProfileError) -> [UInt8] {
        let response = try send(CommandAPDU(ins: 0x2A, p1: 0x9E, p2: 0x9A, data: digestInfo, le: 256))
        switch response.status {
        case .success: break
        case .securityStatusNotSatisfied: throw .passcodeNotVerified
        case .incorrectData: throw .unsupportedDigest
        default: throw .unexpectedStatus(response.status, step: .sign)
        }
        if let bits = certificate?.publicKeyBits, response.data.count != (bits + 7) / 8 {
            throw .malformedSignature(length: response.data.count)
        }
        return response.data
    }

    private func send(_ command: CommandAPDU) throws(CardProfileError) -> ResponseAPDU {
        do {
            return try transport.send(command)
        } catch {
            throw .card(error)
        }
    }
}
