import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// A certificate authority for demo and test smartcards: it issues card certificates whose
/// subject is `O=nhs, OU=people, CN=<uid>`, as NHS smartcards carry, in either
/// ``CardCertificateShape``. Its keys are for tests only.
public struct DemoCertificateAuthority: Sendable {
    public let certificate: Certificate
    private let key: _RSA.Signing.PrivateKey

    /// Creates a new self-signed CA with a fresh RSA 2048 key.
    public init(commonName: String = "CMC Kiosk Demo CA (TEST ONLY)", validFor days: Int = 7_300, now: Date = Date()) throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let name = try DistinguishedName {
            OrganizationName("cmc-kiosk demo")
            CommonName(commonName)
        }
        certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-86_400),
            notValidAfter: now.addingTimeInterval(TimeInterval(days) * 86_400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: Certificate.PrivateKey(key))
        self.key = key
    }

    /// Loads a CA from its PEM certificate and PEM private key.
    public init(certificatePEM: String, keyPEM: String) throws {
        certificate = try Certificate(pemEncoded: certificatePEM)
        key = try _RSA.Signing.PrivateKey(unsafePEMRepresentation: keyPEM)
    }

    public func certificatePEM() throws -> String { try certificate.serializeAsPEM().pemString }
    public var keyPEM: String { key.pemRepresentation }

    /// Issues a card authentication certificate for `uid` over the given public key.
    public func issueCardCertificate(
        uid: String, publicKey: _RSA.Signing.PublicKey, notValidBefore: Date, notValidAfter: Date,
        shape: CardCertificateShape = .demo
    ) throws -> Certificate {
        try Certificate(
            version: .v3,
            serialNumber: shape.serialNumber(),
            publicKey: Certificate.PublicKey(publicKey),
            notValidBefore: notValidBefore,
            notValidAfter: notValidAfter,
            issuer: certificate.subject,
            subject: try shape.subject(uid: uid),
            signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: try shape.extensions(),
            issuerPrivateKey: Certificate.PrivateKey(key))
    }

    /// Makes a persona with a fresh RSA 2048 key and a certificate valid from `notValidBefore`
    /// to `notValidAfter`.
    public func makePersona(
        uid: String, pin: String, triesLeft: Int = 3, notValidBefore: Date, notValidAfter: Date,
        shape: CardCertificateShape = .demo
    ) throws -> Persona {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let certificate = try issueCardCertificate(
            uid: uid, publicKey: key.publicKey, notValidBefore: notValidBefore, notValidAfter: notValidAfter, shape: shape)
        return Persona(
            uid: uid, pin: pin, triesLeft: triesLeft, certificatePEM: try certificate.serializeAsPEM().pemString,
            keyPEM: key.pemRepresentation, warning: Persona.testOnlyWarning)
    }

    /// The persona with its certificate issued afresh, valid from now for `days` more days.
    public func renewing(_ persona: Persona, validFor days: Int, now: Date = Date()) throws -> Persona {
        let key = try _RSA.Signing.PrivateKey(unsafePEMRepresentation: persona.keyPEM)
        let certificate = try issueCardCertificate(
            uid: persona.uid, publicKey: key.publicKey, notValidBefore: now.addingTimeInterval(-86_400),
            notValidAfter: now.addingTimeInterval(TimeInterval(days) * 86_400))
        var renewed = persona
        renewed.certificatePEM = try certificate.serializeAsPEM().pemString
        return renewed
    }
}

extension Persona {
    static let testOnlyWarning = "TEST ONLY: this key is public; it must never be trusted outside demos and tests"
}
