import Foundation
import Glibc
import KioskCore
import Testing

// What the session command tests share: signing in, waiting for the command and its files.

func signIn(_ kiosk: ShellHarness) async throws {
    try kiosk.insert("one-role")
    try #require(await kiosk.waitForPhase { if case .passcodeEntry = $0 { true } else { false } } != nil)
    kiosk.type("123456")
    try #require(await kiosk.waitForPhase { if case .signedIn = $0 { true } else { false } } != nil)
}

func signedInRoleID(_ kiosk: ShellHarness) async -> String? {
    guard case .signedIn(let signedIn) = await kiosk.state.phase else { return nil }
    return signedIn.session.role.id
}

/// Waits for the audit's `session_command_stopped` line.
func waitForStop(_ kiosk: ShellHarness) async throws -> [String: Any]? {
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
        if let line = try kiosk.auditedEvents().first(where: { $0["event"] as? String == "session_command_stopped" }) {
            return line
        }
        try await Task.sleep(for: .milliseconds(20))
    }
    return nil
}

/// Polls `condition` for up to five seconds; whether it held.
func waitUntil(_ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .seconds(5)
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}

/// The group's processes that are not zombies, from `/proc`.
func liveMembers(of group: pid_t) -> [String] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.filter { entry in
        guard Int(entry) != nil, let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")")
        else { return false }
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        return fields.count > 2 && fields[0] != "Z" && pid_t(fields[2]) == group
    }
}

/// A temporary folder the session command writes to.
struct Scratch {
    let folder = FileManager.default.temporaryDirectory.appending(path: "cmc-session-\(UUID())")

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appending(path: name).path }

    /// A shell command writing `text` to the file `name` in one step.
    func write(_ text: String, to name: String) -> String {
        "echo \(text) > \(path(name)).part && mv \(path(name)).part \(path(name))"
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// The file's contents once it is there (its writer moves it in whole), within ten seconds.
    func waitForFile(_ name: String) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOfFile: path(name), encoding: .utf8) { return text }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path(name)])
    }

    /// The process group the command wrote to `group`.
    func processGroup() async throws -> pid_t {
        let text = try await waitForFile("group")
        return try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }
}
