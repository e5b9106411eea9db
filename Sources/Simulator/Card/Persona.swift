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

/// Misbehaviour a virtual card can be told to show, for fault tests.
public struct CardFaults: Codable, Equatable, Sendable {
    /// Milliseconds to wait before answering, by command: `select`, `read`, `verify`, `sign`.
    public var delayMilliseconds: [String: Int]?

    public init(delayMilliseconds: [String: Int]? = nil) {
        self.delayMilliseconds = delayMilliseconds
    }

    enum CodingKeys: String, CodingKey {
        case delayMilliseconds = "delay_ms"
    }
}
