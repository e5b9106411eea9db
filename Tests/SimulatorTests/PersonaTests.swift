import Foundation
import Simulator
import SmartCard
import Testing
import X509
import _CryptoExtras

@Suite struct PersonaTests {
    static let demoFolder = URL(filePath: #filePath).deletingLastPathComponent()
        .appending(path: "../../Personas/demo").standardized

    @Test("every shipped demo persona loads and makes a card", arguments: [
        "several-roles", "one-role", "zero-roles", "eight-roles", "unregistered", "last-try", "blocked",
        "expiring", "expired", "no-cmc-role", "nhs-card",
    ])
    func demoPersonasLoad(name: String) throws {
        let persona = try Persona.load(contentsOf: Self.demoFolder.appending(path: "\(name).json"))
        #expect(persona.uid.count == 12)
        #expect(persona.label != nil && persona.description != nil)
        #expect(persona.warning?.contains("TEST ONLY") == true)
        _ = try VirtualCard(persona: persona)
    }

    @Test func theDemoPersonasShowWhatTheirNamesSay() throws {
        func load(_ name: String, now: Date = Date()) throws -> (Persona, CardCertificate) {
            let persona = try Persona.load(contentsOf: Self.demoFolder.appending(path: "\(name).json"), now: now)
            let der = try Certificate(pemEncoded: persona.certificatePEM).serializeAsPEM().derBytes
            return (persona, try CardCertificate(der: der))
        }
        #expect(try load("last-try").0.triesLeft == 1)
        #expect(try load("blocked").0.triesLeft == 0)
        #expect(try load("expired").1.expiry(at: Date()) == .expired)
        #expect(try load("several-roles").1.expiry(at: Date()) == .valid)
        // The expiring persona is issued afresh on loading, so it is still expiring years from now.
        let later = Date().addingTimeInterval(3 * 365 * 86_400)
        let expiring = try load("expiring", now: later).1
        let expiry = expiring.expiry(at: later)
        #expect(expiry == .expiresSoon(daysLeft: 45) || expiry == .expiresSoon(daysLeft: 44), "issued for 45 days")
    }

    /// What a real NHS card's certificate looks like: no critical extension, PrintableString
    /// names, a short serial; issued by the demo CA like every demo card.
    @Test func theNHSCardPersonaIsShapedLikeARealCard() throws {
        let persona = try Persona.load(contentsOf: Self.demoFolder.appending(path: "nhs-card.json"))
        let certificate = try Certificate(pemEncoded: persona.certificatePEM)
        #expect(!certificate.extensions.isEmpty && certificate.extensions.allSatisfy { !$0.critical })
        #expect(certificate.serialNumber.bytes.count == 4)
        #expect(certificate.subject == (try DistinguishedName([
            RelativeDistinguishedName.Attribute(type: .RDNAttributeType.organizationName, printableString: "nhs"),
            try .init(type: .RDNAttributeType.organizationalUnitName, printableString: "people"),
            try .init(type: .RDNAttributeType.commonName, printableString: persona.uid),
        ])))
        let ca = try Certificate(pemEncoded: String(contentsOf: Self.demoFolder.appending(path: "ca.pem"), encoding: .utf8))
        #expect(certificate.issuer == ca.subject && ca.publicKey.isValidSignature(certificate.signature, for: certificate))
        #expect(try load("one-role").extensions.contains { $0.critical }, "the other demo cards keep theirs")
    }

    @Test(arguments: CardCertificateShape.allCases)
    func theCAIssuesEitherShape(_ shape: CardCertificateShape) throws {
        let authority = try DemoCertificateAuthority()
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let certificate = try authority.issueCardCertificate(
            uid: "555100000099", publicKey: key.publicKey, notValidBefore: Date(), notValidAfter: Date() + 86_400, shape: shape)
        #expect(certificate.extensions.contains { $0.critical } == (shape == .demo))
        #expect((certificate.serialNumber.bytes.count == 4) == (shape == .nhsCard))
        #expect(authority.certificate.publicKey.isValidSignature(certificate.signature, for: certificate))
    }

    private func load(_ name: String) throws -> Certificate {
        try Certificate(pemEncoded: Persona.load(contentsOf: Self.demoFolder.appending(path: "\(name).json")).certificatePEM)
    }

    @Test func aMalformedPersonaSaysWhatIsWrong() throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "persona-\(UUID()).json")
        try Data(#"{"uid": "555100000001", "pin": "1234"}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect {
            try Persona.load(contentsOf: file)
        } throws: { error in
            "\(error)".contains("missing key \"tries_left\"")
        }
    }
}
