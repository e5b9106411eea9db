import Foundation
import KioskProcessTestSupport
import PCSCTestSupport
import Testing

/// `cmc-kiosk doctor` run as a process, as an operator would run it, against a real `cmc-sim`
/// over TLS and a private pcscd with vpcd readers and `cmc-vcard` cards. Serialized: the tests
/// share the private readers' ports (35985/35986).
@Suite("cmc-kiosk doctor checks a terminal", .serialized)
struct DoctorTests {
    /// The ATR of the project's virtual card, as the report writes it.
    static let virtualCardATR = "3B F9 18 00 00 81 31 FE 45 4A 43 4F 50 34 31 56 32 32 AF"

    @Test func allIsWellWithACardInserted() async throws {
        let terminal = try await DoctorTerminal()
        defer { terminal.finish() }
        try await terminal.insert(demo: "several-roles")
        let run = try terminal.doctor(["--config", try terminal.configuration()])

        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        for subject in ["configuration", "theme", "pcscd", "reader", "card", "GAS", "portal", "clock"] {
            #expect(run.verdict(of: subject) == "ok", "\(subject): \(run.stdout)")
        }
        #expect(run.lines(about: "reader").contains(#"ok       reader       "Doctor PCD 00 00": card present, ATR \#(Self.virtualCardATR)"#),
                "\(run.stdout)")
        let card = try #require(run.lines(about: "card").first)
        #expect(card.contains("user 555100000001, certificate valid until"), "\(card)")
        #expect(card.contains("days)"), "the days left: \(card)")
        #expect(run.lines(about: "GAS").first?.contains("reachable, TLS verified") == true, "\(run.stdout)")
        #expect(run.stdout.hasSuffix("0 warnings, 0 failed: this terminal is ready\n"), "\(run.stdout)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }

    @Test func aCardNearItsExpiryIsAWarningAndExits1() async throws {
        let terminal = try await DoctorTerminal()
        defer { terminal.finish() }
        try await terminal.insert(demo: "expiring")
        let run = try terminal.doctor(["--config", try terminal.configuration()])

        #expect(run.status == 1, "\(run.stdout)")
        let card = try #require(run.lines(about: "card").first)
        #expect(card.hasPrefix("warning"), "\(card)")
        #expect(card.contains("user 555100000008, certificate expires in"), "\(card)")
        #expect(card.contains("Registration Authority"), "what to do: \(card)")
    }

    @Test func withNoCardTheCardIsNotCheckedAndAllElseIsOk() async throws {
        let terminal = try await DoctorTerminal()
        defer { terminal.finish() }
        let run = try terminal.doctor(["--config", try terminal.configuration()])

        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.lines(about: "reader") == [
            #"ok       reader       "Doctor PCD 00 00": no card"#, #"ok       reader       "Doctor PCD 00 01": no card"#,
        ], "both vpcd readers: \(run.stdout)")
        let card = try #require(run.lines(about: "card").first)
        #expect(card.hasPrefix("skip"), "\(card)")
        #expect(card.contains("no card in the reader"), "\(card)")
    }

    @Test func pcscdNotRunningFailsAndTheServersAreStillChecked() async throws {
        let terminal = try await DoctorTerminal(withPCSCD: false)
        defer { terminal.finish() }
        let run = try terminal.doctor(["--config", try terminal.configuration()])

        #expect(run.status == 2, "\(run.stdout)")
        let pcscd = try #require(run.lines(about: "pcscd").first)
        #expect(pcscd.hasPrefix("FAIL"), "\(pcscd)")
        #expect(pcscd.contains("the smartcard service (pcscd) does not answer: start it"), "\(pcscd)")
        #expect(run.verdict(of: "GAS") == "ok", "\(run.stdout)")
        #expect(run.stdout.hasSuffix("1 failed: put the FAIL lines right first\n"), "\(run.stdout)")
    }

    @Test func anUnreachablePortalFails() async throws {
        let terminal = try await DoctorTerminal()
        defer { terminal.finish() }
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        let run = try terminal.doctor(["--config", try terminal.configuration(portalURL: "https://127.0.0.1:1")])

        #expect(run.status == 2, "\(run.stdout)")
        let portal = try #require(run.lines(about: "portal").first)
        #expect(portal.hasPrefix("FAIL     portal       https://127.0.0.1:1: cannot connect"), "\(portal)")
        #expect(run.verdict(of: "GAS") == "ok", "\(run.stdout)")
        #expect(run.verdict(of: "clock") == "ok", "GAS alone gives the time: \(run.stdout)")
    }

    @Test func aServerWhoseCertificateIsNotTrustedFailsNamingTLS() async throws {
        let terminal = try await DoctorTerminal()
        defer { terminal.finish() }
        let run = try terminal.doctor(["--config", try terminal.configuration(trustingTheCA: false)])

        #expect(run.status == 2, "\(run.stdout)")
        for subject in ["GAS", "portal"] {
            let line = try #require(run.lines(about: subject).first)
            #expect(line.hasPrefix("FAIL"), "\(line)")
            #expect(line.contains("TLS not verified: the server's certificate is not signed by an authority this "
                + "machine trusts"), "\(line)")
            #expect(line.contains("set [endpoints] ca_file"), "what to do: \(line)")
        }
        #expect(run.verdict(of: "clock") == "skip", "\(run.stdout)")
    }

    @Test func anUnreadableCAFileFailsAsTheTrustStore() async throws {
        let terminal = try await DoctorTerminal()
        defer { terminal.finish() }
        let good = try String(contentsOfFile: try terminal.configuration(), encoding: .utf8)
        let path = try terminal.write("no-ca.toml", good.replacingOccurrences(
            of: ServerPKI.shared.caPath, with: "/nonexistent/tls-ca.pem"))
        let run = try terminal.doctor(["--config", path])

        #expect(run.status == 2, "\(run.stdout)")
        #expect(run.stdout.contains("FAIL     trust store  the ca_file /nonexistent/tls-ca.pem cannot be read: set "
            + "[endpoints] ca_file to a readable PEM file"), "\(run.stdout)")
        #expect(run.verdict(of: "servers") == "skip", "\(run.stdout)")
    }

    @Test func aBadConfigurationIsReportedWithFileAndLine() async throws {
        let terminal = try await DoctorTerminal(withPCSCD: false)
        defer { terminal.finish() }
        let path = try terminal.write("broken.toml", """
            environment = "test"

            [endpoints]
            gas_url = "http://gas.example.org"

            """)
        let run = try terminal.doctor(["--config", path])

        #expect(run.status == 2, "\(run.stdout)")
        let line = try #require(run.lines(about: "configuration").first)
        #expect(line == "FAIL     configuration \(path):4: endpoints.gas_url: plain http:// is allowed only to "
            + "loopback addresses; correct the file: docs/configuration.md lists every key", "\(line)")
        #expect(run.verdict(of: "theme") == "skip", "\(run.stdout)")
        #expect(run.verdict(of: "servers") == "skip", "\(run.stdout)")
    }

    @Test func theKiosksHelpListsTheDoctorAndTheDoctorsHelpItsOptions() throws {
        let kiosk = try ProgramRun([PrivatePCSCD.builtProgram("cmc-kiosk"), "--help"])
        #expect(kiosk.status == 0)
        #expect(kiosk.stdout.contains("doctor"), "\(kiosk.stdout)")
        let doctor = try ProgramRun([PrivatePCSCD.builtProgram("cmc-kiosk"), "doctor", "--help"])
        #expect(doctor.status == 0)
        #expect(doctor.stdout.contains("USAGE: cmc-kiosk doctor [--config <config>] [--theme <theme>]"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("Exit status: 0 all ok, 1 warnings only"), "\(doctor.stdout)")
    }

    @Test func aBadCommandLineExits2WithOneLineAndNoReport() throws {
        let run = try ProgramRun([PrivatePCSCD.builtProgram("cmc-kiosk"), "doctor", "--no-such-option"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty, "\(run.stdout)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("--no-such-option"), "\(run.stderr)")
    }
}
