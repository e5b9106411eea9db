import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// Certificates made for a test: a CA and server certificates for TLS, RSA card certificates
/// for CMS.
enum TestPKI {
    struct Authority {
        let certificate: Certificate
        let key: P256.Signing.PrivateKey
        var pem: String { (try? certificate.serializeAsPEM().pemString) ?? "" }
    }

    static func makeAuthority(_ name: String) throws -> Authority {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName { CommonName(name) }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86400, issuer: subject, subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(key))
        return Authority(certificate: certificate, key: key)
    }

    /// A server certificate for `dnsNames` (and 127.0.0.1 when `loopbackIP`), in PEM files.
    static func makeServer(
        signedBy authority: Authority, dnsNames: [String], loopbackIP: Bool, in directory: TemporaryDirectory
    ) throws -> (certificate: String, key: String) {
        let key = P256.Signing.PrivateKey()
        let now = Date()
        var names = dnsNames.map { GeneralName.dnsName($0) }
        if loopbackIP { names.append(.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))) }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86400, issuer: authority.certificate.subject,
            subject: try DistinguishedName { CommonName(dnsNames.first ?? "server") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                SubjectAlternativeNames(names)
                try ExtendedKeyUsage([.serverAuth])
            },
            issuerPrivateKey: .init(authority.key))
        let certificateFile = try directory.file("server-\(UUID().uuidString).pem", text: try certificate.serializeAsPEM().pemString)
        let keyFile = try directory.file("server-key-\(UUID().uuidString).pem", text: key.pemRepresentation)
        return (certificateFile, keyFile)
    }

    struct Card: Sendable {
        let certificate: Certificate
        let der: [UInt8]
        let key: _RSA.Signing.PrivateKey
    }

    /// One card for the whole run: RSA key generation is slow in debug builds.
    static let sharedCard = Result { try makeCard(uid: "555123456789") }

    /// A self-signed RSA "card" certificate with subject `O=nhs, OU=people, CN=uid`.
    static func makeCard(uid: String) throws -> Card {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let subject = try DistinguishedName {
            OrganizationName("nhs")
            OrganizationalUnitName("people")
            CommonName(uid)
        }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(bytes: [0x00, 0x8F, 0x12, 0x34]),
            publicKey: .init(key.publicKey), notValidBefore: now - 3600, notValidAfter: now + 86400,
            issuer: subject, subject: subject, signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: try Certificate.Extensions {
                Critical(KeyUsage(digitalSignature: true))
            },
            issuerPrivateKey: .init(key))
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return Card(certificate: certificate, der: serializer.serializedBytes, key: key)
    }
}
