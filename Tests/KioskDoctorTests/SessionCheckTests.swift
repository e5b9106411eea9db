import Foundation
import Glibc
@testable import KioskApp
import KioskConfiguration
import KioskShell
import PCSCTestSupport
import Testing

/// `[session] user` at start-up and in the doctor: a warning without it, a failure naming the
/// file and line for a user this machine does not have (or one that could reach the kiosk), the
/// user and its homes' folder when all is well.
@Suite("The session user at start-up and in the doctor")
struct SessionCheckTests {
    static let testUser = "cmc-session-test"

    /// The test user, created when it is missing (CI runs the tests as root; `scripts/setup`
    /// creates it too).
    static func testIdentity() throws -> SessionIdentity {
        if let identity = SessionIdentity.lookUp(testUser) { return identity }
        try #require(geteuid() == 0, "\(testUser) is missing and only root can create it: run scripts/setup")
        let useradd = try Process.run(URL(filePath: "/usr/sbin/useradd"), arguments: [
            "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin",
            "--comment", "cmc-kiosk tests, session commands", testUser,
        ])
        useradd.waitUntilExit()
        return try #require(SessionIdentity.lookUp(testUser))
    }

    static func configuration(_ session: String) throws -> KioskConfiguration {
        try KioskConfiguration.parse("""
            environment = "live"
            device_id = "ward7-kiosk-2"
            [audit]
            path = "/nonexistent/audit.jsonl"
            [session]
            command = ["/usr/bin/w3m", "{handoff_url}"]
            \(session)
            """, file: "kiosk.toml", hostName: "test")
    }

    @Test func withoutAUserTheDoctorWarnsThatTheCommandRunsAsTheKiosksOwnUser() throws {
        let findings = SessionCheck.findings(for: try Self.configuration(""), file: "kiosk.toml")
        #expect(findings.count == 1)
        #expect(findings.first?.verdict == .warning)
        #expect(findings.first?.subject == "session")
        #expect(findings.first?.text.contains("runs as the kiosk's own user (\(SessionIdentity.kioskUserName))") == true,
                "\(findings)")
        #expect(findings.first?.text.contains("Set [session] user") == true)
        var plain = try Self.configuration("")
        plain.session = nil
        #expect(SessionCheck.findings(for: plain, file: "kiosk.toml").isEmpty, "no command, nothing to say")
    }

    @Test func anUnknownUserIsAStartUpErrorAtItsLineAndADoctorFailure() throws {
        let configuration = try Self.configuration("user = \"no-such-kiosk-user\"")
        let expected = "kiosk.toml:7: session.user: there is no user \"no-such-kiosk-user\" on this machine: create it as "
            + "the cmc-kiosk package does for cmc-session (useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "
            + "no-such-kiosk-user), or correct the name"
        do {
            _ = try SessionSetup.user(for: configuration, file: "kiosk.toml")
            Issue.record("an unknown user was accepted")
        } catch {
            #expect(error.description == expected)
        }
        let findings = SessionCheck.findings(for: configuration, file: "kiosk.toml")
        #expect(findings == [DoctorFinding(.failed, "session", expected)])
    }

    @Test func rootAndTheKiosksOwnUserAreRefused() throws {
        let root = SessionCheck.findings(for: try Self.configuration("user = \"root\""), file: "kiosk.toml")
        #expect(root.first?.verdict == .failed)
        #expect(root.first?.text == "kiosk.toml:7: session.user: \"root\" is root: name an unprivileged user of its own")
        let own = SessionIdentity.kioskUserName
        if own != "root" {
            let same = SessionCheck.findings(for: try Self.configuration("user = \"\(own)\""), file: "kiosk.toml")
            #expect(same.first?.text.contains("is the kiosk's own user") == true)
        }
    }

    @Test func aGoodUserIsShownWithItsHomesFolder() throws {
        let identity = try Self.testIdentity()
        let folder = FileManager.default.temporaryDirectory.appending(path: "session-check-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = folder.appending(path: "sessions").path
        let configuration = try Self.configuration("user = \"\(Self.testUser)\"\nhome_base = \"\(base)\"")
        let user = try #require(try SessionSetup.user(for: configuration, file: "kiosk.toml"))
        #expect(user == SessionUser(identity: identity, homeBase: base))
        let findings = SessionCheck.findings(for: configuration, file: "kiosk.toml")
        #expect(findings.map(\.verdict) == [.ok], "\(findings)")
        #expect(findings.first?.text.hasPrefix("the command runs as \(Self.testUser) (uid \(identity.uid), gid \(identity.gid)) "
            + "with no capabilities, in a fresh home in \(base) for each session") == true, "\(findings)")
        #expect(!FileManager.default.fileExists(atPath: base), "the doctor changes nothing")

        // A folder that is a link elsewhere would be refused at start-up: the doctor says so now.
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: base, withDestinationPath: "/tmp")
        let linked = SessionCheck.findings(for: configuration, file: "kiosk.toml")
        #expect(linked.map(\.verdict) == [.failed])
        #expect(linked.first?.text.contains("\(base) is not a folder (a symbolic link is refused)") == true, "\(linked)")
    }

    @Test func theKioskRefusesToStartWithAnUnknownUserNamingTheFileAndLine() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "session-start-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appending(path: "kiosk.toml").path
        try """
            environment = "live"
            device_id = "ward7-kiosk-2"

            [session]
            command = ["/usr/bin/w3m"]
            user = "no-such-kiosk-user"
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let run = try ProgramRun([PrivatePCSCD.builtProgram("cmc-kiosk"), "--config", file])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("cmc-kiosk: \(file):6: session.user: there is no user \"no-such-kiosk-user\" on this machine"),
                "\(run.stderr)")
    }
}
