import SwiftASN1
import X509

/// How a card certificate from ``DemoCertificateAuthority`` is laid out.
public enum CardCertificateShape: String, CaseIterable, Sendable {
    /// The demo cards': critical basic constraints and key usage, UTF8String names, a 20-byte
    /// random serial.
    case demo
    /// Like a real NHS card's: no critical extension (key usage, not critical), PrintableString
    /// names, a 4-byte serial. Having no BOOLEAN, it is the same in BER as in DER, so a client
    /// that re-encodes it in BER (the NHSbuntu identity agent) sends the card's bytes.
    case nhsCard = "nhs-card"

    func serialNumber() -> Certificate.SerialNumber {
        switch self {
        case .demo:
            Certificate.SerialNumber()
        case .nhsCard:
            // Positive, and four bytes long: the first byte is 01…7F.
            Certificate.SerialNumber(bytes: [UInt8.random(in: 0x01...0x7F)] + (0..<3).map { _ in UInt8.random(in: 0...0xFF) })
        }
    }

    func subject(uid: String) throws -> DistinguishedName {
        switch self {
        case .demo:
            try DistinguishedName {
                OrganizationName("nhs")
                OrganizationalUnitName("people")
                CommonName(uid)
            }
        case .nhsCard:
            try DistinguishedName([
                RelativeDistinguishedName.Attribute(type: .RDNAttributeType.organizationName, printableString: "nhs"),
                try .init(type: .RDNAttributeType.organizationalUnitName, printableString: "people"),
                try .init(type: .RDNAttributeType.commonName, printableString: uid),
            ])
        }
    }

    func extensions() throws -> Certificate.Extensions {
        switch self {
        case .demo:
            try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
            }
        case .nhsCard:
            try Certificate.Extensions {
                KeyUsage(digitalSignature: true)
            }
        }
    }
}
