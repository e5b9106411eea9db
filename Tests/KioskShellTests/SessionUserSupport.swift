import Foundation
import Glibc
import KioskCore
@testable import KioskShell
import Testing

// What the session user tests share: the test user, a homes' folder of the test's own, and the
// files the command leaves in its home.

/// The system user the session commands of these tests run as. CI runs the tests as root on a
/// fresh Debian 12: the first test to need it creates it (`scripts/setup` does too).
enum SessionTestUser {
    static let name = "cmc-session-test"

    static func identity() throws -> SessionIdentity {
        if let identity = SessionIdentity.lookUp(name) { return identity }
        try #require(geteuid() == 0, "\(name) is missing and only root can create it: run scripts/setup")
        let useradd = try Process.run(URL(filePath: "/usr/sbin/useradd"), arguments: [
            "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin",
            "--comment", "cmc-kiosk tests, session commands", name,
        ])
        useradd.waitUntilExit()
        return try #require(SessionIdentity.lookUp(name), "useradd \(name) failed (status \(useradd.terminationStatus))")
    }
}

/// One test's folders: `homes`, where the kiosk makes the session homes (made by the kiosk
/// itself), and `shared`, which the session user may read (the test leaves it notes there).
struct SessionUserWorld {
    let identity: SessionIdentity
    let root = FileManager.default.temporaryDirectory.appending(path: "cmc-session-user-\(UUID())")
    var homes: URL { root.appending(path: "homes") }
    var shared: URL { root.appending(path: "shared") }

    init() throws {
        identity = try SessionTestUser.identity()
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: shared.path)
    }

    /// `/bin/sh -c script` as the session user, the script's braces taken literally.
    func settings(_ script: String, logoutWhenCommandExits: Bool = true) throws -> SessionCommandSettings {
        let literal = script.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
        return SessionCommandSettings(
            command: try CommandTemplate(["/bin/sh", "-c", literal]), logoutWhenCommandExits: logoutWhenCommandExits,
            user: SessionUser(identity: identity, homeBase: homes.path))
    }

    /// The homes in the folder now, as paths.
    func currentHomes() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: homes.path)) ?? []).map { homes.appending(path: $0).path }
    }

    /// The file `name` of the one home there is, once the command has moved it in (within ten
    /// seconds), with that home's path.
    func waitForHomeFile(_ name: String, notIn earlier: String? = nil) async throws -> (home: String, text: String) {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            for home in currentHomes() where home != earlier {
                if let text = try? String(contentsOfFile: home + "/" + name, encoding: .utf8) { return (home, text) }
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "\(homes.path)/*/\(name)"])
    }

    /// The processes of the session user still running.
    func processesLeft() -> [pid_t] { SessionIdentity.liveProcesses(of: identity.uid) }

    func remove() {
        identity.endEveryProcess()
        try? FileManager.default.removeItem(at: root)
    }
}

/// The owner, group and permission bits of the file at `path`, not following a link.
func ownership(_ path: String) -> (uid: uid_t, gid: gid_t, mode: mode_t)? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return (info.st_uid, info.st_gid, info.st_mode & 0o7777)
}

/// The fields of `/proc/<pid>/status`, by name.
func processStatus(_ pid: pid_t) -> [String: String] {
    let text = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
    return Dictionary(text.split(separator: "\n").compactMap { line -> (String, String)? in
        guard let colon = line.firstIndex(of: ":") else { return nil }
        return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }, uniquingKeysWith: { first, _ in first })
}
