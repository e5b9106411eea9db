import Foundation
import Simulator
import SmartCard
import Testing
import X509

@Suite struct CardCertificateTests {
    static let authority = try! DemoCertificateAuthority()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func certificate(uid: String = "555100000001", validForDays days: Double) throws -> CardCertificate {
        let persona = try Self.authority.makePersona(
            uid: uid, pin: "123456", notValidBefore: now.addingTimeInterval(-400 * 86_400),
            notValidAfter: now.addingTimeInterval(days * 86_400))
        let der = try Certificate(pemEncoded: persona.certificatePEM).serializeAsPEM().derBytes
        return try CardCertificate(der: der)
    }

    @Test func uidIsTheSubjectCommonNameKeptAsAString() throws {
        #expect(try certificate(uid: "012345678901", validForDays: 365).uid == "012345678901")
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

    @Test func garbageAndNamesWithoutAUIDAreRefusedInWords() throws {
        #expect(throws: CardProfileError.self) { try CardCertificate(der: [0x30, 0x03, 0x02, 0x01, 0x00]) }
        #expect(throws: CardProfileError.unreadableCertificate("the certificate's user id is not a number")) {
            try certificate(uid: "jane", validForDays: 365)
        }
    }
}
