import Foundation
import SwiftASN1
import X509

/// The card's authentication certificate, with the NHS user id it names.
public struct CardCertificate: Sendable {
    /// The certificate exactly as read from the card, for the CMS the GAS login sends.
    public let der: [UInt8]
    public let certificate: Certificate
    /// The 12-digit NHS user id (SDS UID): the subject's common name. Kept as a string.
    public let uid: String

    /// The NHS renewal window: a certificate this close to its end is warned about.
    public static let renewalWindow: TimeInterval = 90 * 86_400

    /// Parses a DER certificate and takes the UID from its subject CN.
    public init(der: [UInt8]) throws(CardProfileError) {
        let parsed: Certificate
        do {
            parsed = try Certificate(derEncoded: der)
        } catch {
            throw .unreadableCertificate("the certificate on the card is not valid X.509 (\(error))")
        }
        let commonNames = parsed.subject.flatMap { $0 }.filter { $0.type == .RDNAttributeType.commonName }
        guard let name = commonNames.first.flatMap({ String($0.value) }) else {
            throw .unreadableCertificate("the certificate names no user id (no subject CN)")
        }
        guard (1...32).contains(name.utf8.count), name.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw .unreadableCertificate("the certificate's user id is not a number")
        }
        self.der = der
        self.certificate = parsed
        self.uid = name
    }

    public var notValidBefore: Date { certificate.notValidBefore }
    public var notValidAfter: Date { certificate.notValidAfter }

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
