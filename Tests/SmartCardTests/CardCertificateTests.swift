import Crypto
import Foundation
import Simulator
import SmartCard
import Testing
import X509

@Suite struct CardCertificateTests {
    static let authority = try! DemoCertificateAuthority()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func der(uid: String = "555100000001", validForDays days: Double) throws -> [UInt8] {
        let persona = try Self.authority.makePersona(
            uid: uid, pin: "123456", notValidBefore: now.addingTimeInterval(-400 * 86_400),
            notValidAfter: now.addingTimeInterval(days * 86_400))
        return try Certificate(pemEncoded: persona.certificatePEM).serializeAsPEM().derBytes
    }

    private func certificate(uid: String = "555100000001", validForDays days: Double) throws -> CardCertificate {
        try CardCertificate(der: der(uid: uid, validForDays: days))
    }

    /// A self-signed certificate over a P-256 key, with the subject and extensions given.
    private func selfSigned(_ subject: DistinguishedName, extensions: Certificate.Extensions = .init()) throws -> [UInt8] {
        let key = P256.Signing.PrivateKey()
        return try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: now, notValidAfter: now.addingTimeInterval(86_400), issuer: subject, subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions, issuerPrivateKey: .init(key)
        ).serializeAsPEM().derBytes
    }

    @Test func uidIsTheSubjectCommonNameKeptAsAString() throws {
        #expect(try certificate(uid: "012345678901", validForDays: 365).uid == "012345678901")
    }

    @Test func datesKeyAndUsageAreTheIssuedOnes() throws {
        let der = try der(validForDays: 365)
        let card = try CardCertificate(der: der)
        #expect(card.der == der)
        #expect(card.notValidBefore == now.addingTimeInterval(-400 * 86_400))
        #expect(card.notValidAfter == now.addingTimeInterval(365 * 86_400))
        #expect(card.publicKeyBits == 2048)
        #expect(card.allowsDigitalSignature)
    }

    @Test func keyUsageWithoutDigitalSignatureIsSaid() throws {
        let usage = try Certificate.Extensions { Critical(KeyUsage(keyEncipherment: true)) }
        let card = try CardCertificate(der: selfSigned(DistinguishedName { CommonName("555100000001") }, extensions: usage))
        #expect(!card.allowsDigitalSignature)
        #expect(card.publicKeyBits == nil, "the key is not RSA")
        #expect(card.notValidBefore == now)
    }

    @Test func noKeyUsageExtensionAllowsSigning() throws {
        #expect(try CardCertificate(der: selfSigned(DistinguishedName { CommonName("555100000001") })).allowsDigitalSignature)
    }

    @Test("expiry is told apart: valid, within 90 days, expired", arguments: [
        (365.0, CertificateExpiry.valid),
        (91.0, .valid),
        (45.5, .expiresSoon(daysLeft: 45)),
        (0.5, .expiresSoon(daysLeft: 0)),
        (-1.0, .expired),
    ])
    func expiry(days: Double, expected: CertificateExpiry) throws {
        #expect(try certificate(validForDays: days).expiry(at: now) == expected)
    }

    @Test func aCertificateNotYetValidIsSaidSo() throws {
        let card = try certificate(validForDays: 365)
        #expect(card.expiry(at: now.addingTimeInterval(-500 * 86_400)) == .notYetValid)
    }

    @Test func bytesThatAreNotExactlyOneCertificateAreRefusedInWords() throws {
        let der = try der(validForDays: 365)
        let notX509 = CardProfileError.unreadableCertificate("the certificate on the card is not valid X.509")
        for bytes in [[], [0x30, 0x03, 0x02, 0x01, 0x00], Array(der.dropLast(10)), der + [0x00], der + der] {
            #expect(throws: notX509) { try CardCertificate(der: bytes) }
        }
    }

    @Test func namesWithoutAUIDAreRefusedInWords() throws {
        #expect(throws: CardProfileError.unreadableCertificate("the certificate names no user id (no subject CN)")) {
            try CardCertificate(der: selfSigned(DistinguishedName { OrganizationName("nhs") }))
        }
        #expect(throws: CardProfileError.unreadableCertificate("the certificate's user id is not a number")) {
            try certificate(uid: "jane", validForDays: 365)
        }
    }
}
