import FoundationEssentials

/// The card's authentication certificate, with the NHS user id it names.
public struct CardCertificate: Sendable {
    /// The certificate exactly as read from the card, for the CMS the GAS login sends.
    public let der: [UInt8]
    /// The 12-digit NHS user id (SDS UID): the subject's common name. Kept as a string.
    public let uid: String
    /// The start of the certificate's validity, to the second.
    public let notValidBefore: Date
    /// The end of the certificate's validity, to the second.
    public let notValidAfter: Date
    /// The length in bits of the certificate's RSA key, which is the length of the card's
    /// signatures; nil when the key is not RSA.
    public let publicKeyBits: Int?
    /// Whether the certificate's key usage lets its key sign (digitalSignature), as the card's
    /// authentication key must. A certificate without the keyUsage extension allows it.
    public let allowsDigitalSignature: Bool

    /// The NHS renewal window: a certificate this close to its end is warned about.
    public static let renewalWindow: TimeInterval = 90 * 86_400

    /// Parses a DER certificate and takes the UID from its subject CN.
    public init(der: [UInt8]) throws(CardProfileError) {
        guard let parsed = LibCryptoCertificate(der: der) else {
            throw .unreadableCertificate("the certificate on the card is not valid X.509")
        }
        guard let name = parsed.subjectCommonName else {
            throw .unreadableCertificate("the certificate names no user id (no subject CN)")
        }
        guard (1...32).contains(name.utf8.count), name.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw .unreadableCertificate("the certificate's user id is not a number")
        }
        guard let notValidBefore = parsed.notBefore, let notValidAfter = parsed.notAfter else {
            throw .unreadableCertificate("the certificate's validity dates cannot be read")
        }
        self.der = der
        self.uid = name
        self.notValidBefore = notValidBefore
        self.notValidAfter = notValidAfter
        self.publicKeyBits = parsed.rsaKeyBits
        self.allowsDigitalSignature = parsed.allowsDigitalSignature
    }

    /// Where the certificate stands at `now`.
    public func expiry(at now: Date) -> CertificateExpiry {
        if now < notValidBefore { return .notYetValid }
        if now >= notValidAfter { return .expired }
        let remaining = notValidAfter.timeIntervalSince(now)
        guard remaining <= Self.renewalWindow else { return .valid }
        return .expiresSoon(daysLeft: Int(remaining / 86_400))
    }
}

/// A certificate's validity at a given time, as the kiosk tells it to the user.
public enum CertificateExpiry: Equatable, Sendable {
    case valid
    /// Within the NHS renewal window of 90 days: warn, and let the user in.
    case expiresSoon(daysLeft: Int)
    /// Refused: "Your smartcard certificate has expired: contact your Registration Authority".
    case expired
    /// Refused: the card (or the clock) is wrong.
    case notYetValid
}
