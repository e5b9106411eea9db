import Foundation
import KioskProcessTestSupport
import Testing

/// `cmc-vcard insert --piv` as OpenSC 0.23 sees it: its own tools (`opensc-tool`, `pkcs11-tool`
/// with `opensc-pkcs11.so`) and `openssl` against a card in a vpcd reader of a private pcscd.
/// Serialized, nested suites included: every test uses the private readers' ports (35991/35992).
@Suite("A PIV card through OpenSC", .serialized)
struct PIVConformanceTests {
    /// The demo card of Dr Siân Llewelyn-Jones: UID 555100000001, PIN 123456, three tries.
    static let uid = "555100000001"

    @Test("opensc-tool: the ATR, and OpenSC names the card PIV")
    func atrAndCardName() async throws {
        try await PIVReader.withCard("atr") { reader in
            let atr = try reader.run("opensc-tool", ["-a"])
            #expect(atr.status == 0, "\(atr)")
            #expect(atr.stdout.contains("3b:fb:18:00:00:81:31:fe:45:80:f9:a0:00:00:03:08:00:00:10:00:2a"), "\(atr)")
            let name = try reader.run("opensc-tool", ["-n"])
            #expect(name.stdout.contains("Personal Identity Verification Card"), "\(name)")
        }
    }

    @Test("pkcs11-tool -L: the token is listed with the UID as its label and in its serial")
    func tokenIsListed() async throws {
        try await PIVReader.withCard("list") { reader in
            let list = try reader.pkcs11Tool(["-L"])
            #expect(list.status == 0, "\(list)")
            #expect(list.missing([
                "Slot 0 (0x0): PIV PCD 00 00",
                "  token label        : \(Self.uid)",
                "  token manufacturer : piv_II",
                "  token flags        : login required, rng, token initialized, PIN initialized\n",
                "  serial num         : 0000\(Self.uid)",
                "  pin min/max        : 4/8",
            ]) == [], "\(list)")
        }
    }

    @Test("pkcs11-tool -O and --read-object: the certificate object is the persona's certificate")
    func certificateObject() async throws {
        try await PIVReader.withCard("objects") { reader in
            let objects = try reader.pkcs11Tool(["-O"])
            #expect(objects.status == 0, "\(objects)")
            #expect(objects.missing([
                "Certificate Object; type = X.509 cert", "  label:      Certificate for PIV Authentication",
                "  subject:    DN: O=nhs, OU=people, CN=\(Self.uid)", "  ID:         01", "Public Key Object; RSA 2048 bits",
            ]) == [], "\(objects)")
            let read = try reader.pkcs11Tool(["--read-object", "--type", "cert", "--id", "01", "--output-file", reader.workspace.file("card.der")])
            #expect(read.status == 0, "\(read)")
            #expect(try reader.read("card.der") == reader.personaCertificateDER())
        }
    }

    @Test("SHA256-RSA-PKCS after login: openssl verifies the signature with the card's certificate")
    func signsWithSHA256() async throws {
        try await PIVReader.withCard("sha256") { reader in
            let sign = try reader.sign("message.txt", mechanism: "SHA256-RSA-PKCS", pin: "123456")
            #expect(sign.status == 0, "\(sign)")
            #expect(try reader.opensslVerifies("message.txt", signature: "signature.bin"))
        }
    }

    @Test("RSA-PKCS over a DigestInfo built here: the same signature as SHA256-RSA-PKCS")
    func signsADigestInfo() async throws {
        try await PIVReader.withCard("rsa-pkcs") { reader in
            try reader.write("digest-info.bin", SignedMessage.digestInfo)
            let raw = try reader.sign("digest-info.bin", mechanism: "RSA-PKCS", pin: "123456", output: "raw.bin")
            #expect(raw.status == 0, "\(raw)")
            #expect(try reader.opensslVerifies("message.txt", signature: "raw.bin"))
            let hashed = try reader.sign("message.txt", mechanism: "SHA256-RSA-PKCS", pin: "123456", output: "hashed.bin")
            #expect(hashed.status == 0, "\(hashed)")
            #expect(try reader.read("raw.bin") == reader.read("hashed.bin"), "PKCS#1 v1.5 is deterministic")
        }
    }

    @Test("cmc-vcard insert --help documents --piv")
    func helpDocumentsPIV() throws {
        let help = try Spawned.run(Package.program("cmc-vcard"), ["insert", "--help"], logPrefix: "/tmp/piv-help-\(UUID())")
        #expect(help.status == 0)
        #expect(help.stdout.contains("--piv"), "\(help.stdout)")
        #expect(help.stdout.contains("PIV card (NIST SP 800-73-4)"), "\(help.stdout)")
    }
}
