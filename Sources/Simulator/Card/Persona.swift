import Foundation

/// A virtual smartcard's holder and contents, stored as JSON (`spec/card-profile.md`).
///
/// Besides the fields of the spec it may carry a label and description for the demo picker,
/// `renew_certificate_days` (the certificate is issued afresh on loading, valid for that many more
/// days, so that an "expires soon" persona stays so), and ``CardFaults`` for fault tests.
public struct Persona: Codable, Equatable, Sendable {
    public var uid: String
    public var pin: String
    public var triesLeft: Int
    public var certificatePEM: String
    public var keyPEM: String
    public var label: String?
    public var description: String?
    public var renewCertificateDays: Int?
    public var faults: CardFaults?
    /// A reminder carried in every shipped file: the keys are public and for tests only.
    public var warning: String?

    public init(
        uid: String, pin: String, triesLeft: Int = 3, certificatePEM: String, keyPEM: String,
        label: String? = nil, description: String? = nil, renewCertificateDays: Int? = nil,
        faults: CardFaults? = nil, warning: String? = nil
    ) {
        self.uid = uid
        self.pin = pin
        self.triesLeft = triesLeft
        self.certificatePEM = certificatePEM
        self.keyPEM = keyPEM
        self.label = label
        self.description = description
        self.renewCertificateDays = renewCertificateDays
        self.faults = faults
        self.warning = warning
    }

    enum CodingKeys: String, CodingKey {
        case uid, pin, label, description, faults, warning
        case triesLeft = "tries_left"
        case certificatePEM = "cert_pem"
        case keyPEM = "key_pem"
        case renewCertificateDays = "renew_certificate_days"
    }
}

/// Misbehaviour a virtual card can be told to show, for fault tests: the `faults` object of a
/// persona file. Commands are named as ``VirtualCard/commandName(of:)`` names them: `select`,
/// `read`, `tries` (VERIFY without a passcode: the tries left), `verify` (VERIFY with a
/// passcode) and `sign`; a ``PIVCard`` names its own commands alike (``PIVCard/commandName(of:)``).
///
/// ```json
/// "faults": {"delay_ms": {"sign": 3000}, "status_words": {"read": "6F00"},
///            "certificate_length": 600, "signature_length": 255}
/// ```
public struct CardFaults: Codable, Equatable, Sendable {
    /// Milliseconds to wait before answering, by command; `cmc-vcard` reports each wait on its
    /// standard error, so that a test can pull the card in the middle of the command.
    public var delayMilliseconds: [String: Int]?
    /// A status word (four hex digits, e.g. `"6F00"`) that replaces the whole answer, by command.
    public var statusWords: [String: String]?
    /// The certificate file holds only the certificate's first this many bytes: a cut certificate.
    public var certificateLength: Int?
    /// Signatures are cut, or padded with zero bytes, to this many bytes.
    public var signatureLength: Int?

    public init(
        delayMilliseconds: [String: Int]? = nil, statusWords: [String: String]? = nil,
        certificateLength: Int? = nil, signatureLength: Int? = nil
    ) {
        self.delayMilliseconds = delayMilliseconds
        self.statusWords = statusWords
        self.certificateLength = certificateLength
        self.signatureLength = signatureLength
    }

    enum CodingKeys: String, CodingKey {
        case delayMilliseconds = "delay_ms"
        case statusWords = "status_words"
        case certificateLength = "certificate_length"
        case signatureLength = "signature_length"
    }
}
