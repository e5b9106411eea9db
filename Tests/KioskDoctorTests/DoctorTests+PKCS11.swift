import Foundation
import KioskProcessTestSupport
import PCSCTestSupport
import Testing

/// `cmc-kiosk doctor` with `[card] backend = "pkcs11"` through Debian's OpenSC, and
/// `cmc-vcard insert --piv` cards in the private pcscd's reader: part of DoctorTests, whose
/// serialized tests share that reader's ports.
extension DoctorTests {
    static let pkcs11 = """
        [card]
        backend = "pkcs11"
        """

    @Test func aPIVCardShowsTheModuleTheSettingsTheTokenAndItsCertificate() async throws {
        let terminal = try await DoctorTerminal()
        defer { terminal.finish() }
        try await terminal.insert(demo: "several-roles", piv: true)
        let run = try terminal.doctor(["--config", try terminal.configuration(extra: Self.pkcs11)])

        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let backend = try #require(run.lines(about: "backend").first)
        #expect(backend.hasPrefix("ok") && backend.contains("pkcs11: the PKCS#11 module /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so loads"),
                "\(backend)")
        let settings = try #require(run.lines(about: "OpenSC").first)
        #expect(settings.hasPrefix("ok") && settings.contains("Middleware/opensc.conf"), "\(settings)")
        let card = try #require(run.lines(about: "card").first)
        #expect(card.hasPrefix("ok"), "\(card)")
        #expect(card.contains(#"token "555100000001", user 555100000001, certificate valid until"#), "\(card)")
    }

    @Test func anExpiredPIVCardFailsWithItsDate() async throws {
        let terminal = try await DoctorTerminal()
        defer { terminal.finish() }
        try await terminal.insert(demo: "expired", piv: true)
        let run = try terminal.doctor(["--config", try terminal.configuration(extra: Self.pkcs11)])

        #expect(run.status == 2, "\(run.stdout)")
        let card = try #require(run.lines(about: "card").first)
        #expect(card.hasPrefix("FAIL") && card.contains("certificate expired on"), "\(card)")
    }

    @Test func theProfileCardUnderPKCS11IsNotACardTheBackendCanUse() async throws {
        let terminal = try await DoctorTerminal()
        defer { terminal.finish() }
        try await terminal.insert(demo: "several-roles")
        let run = try terminal.doctor(["--config", try terminal.configuration(extra: Self.pkcs11)])

        let card = try #require(run.lines(about: "card").first)
        #expect(card.hasPrefix("warning") && card.contains("not a smartcard the kiosk's card backend can use"), "\(card)")
    }

    @Test func anOPENSCCONFOfTheOperatorsIsKeptAndWarnedAbout() async throws {
        let terminal = try await DoctorTerminal()
        defer { terminal.finish() }
        let own = try terminal.write("opensc.conf", "app default {\n}\n")
        let run = try terminal.doctor(
            ["--config", try terminal.configuration(extra: Self.pkcs11)], environment: ["OPENSC_CONF=\(own)"])

        let settings = try #require(run.lines(about: "OpenSC").first)
        #expect(settings.hasPrefix("warning") && settings.contains("OPENSC_CONF names \(own)"), "\(settings)")
        #expect(settings.contains("disconnect_action = reset"), "what it should set: \(settings)")
    }
}
