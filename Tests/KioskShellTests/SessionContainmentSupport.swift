import Foundation
import Glibc
import KioskShell
import Testing

// What the containment tests share: shell scripts in a scratch folder, and processes known by
// their pid and start time, so that a reused pid is never taken for them.

extension Scratch {
    /// Writes the shell script `name`, with `$DIR` standing for the scratch folder; its path.
    func script(_ name: String, _ text: String) throws -> String {
        let path = path(name)
        try text.replacingOccurrences(of: "$DIR", with: folder.path).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The process whose pid the command wrote to `name`, as it is now.
    func process(_ name: String) async throws -> SeenProcess {
        let text = try await waitForFile(name)
        let pid = try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        return try #require(SeenProcess(pid), "\(name) \(pid) is running")
    }
}

/// A process as `/proc/<pid>/stat` showed it when first seen.
struct SeenProcess: CustomStringConvertible {
    let pid: pid_t
    let startTime: UInt64

    init?(_ pid: pid_t) {
        guard let stat = Self.stat(pid) else { return nil }
        self.pid = pid
        startTime = stat.startTime
    }

    /// Its state, parent, process group and session, `nil` once it is gone (reaped, or its pid
    /// reused).
    var now: (state: Character, parent: pid_t, group: pid_t, session: pid_t)? {
        guard let stat = Self.stat(pid), stat.startTime == startTime else { return nil }
        return (stat.state, stat.parent, stat.group, stat.session)
    }

    var isRunning: Bool { now.map { $0.state != "Z" && $0.state != "X" } ?? false }
    /// Whether it is a zombie left for this process (the kiosk) to reap.
    var isOurZombie: Bool { now.map { $0.state == "Z" && $0.parent == getpid() } ?? false }
    /// Its cgroup v2 path.
    var cgroup: String? {
        (try? String(contentsOfFile: "/proc/\(pid)/cgroup", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("0::") }.map { String($0.dropFirst(3)) }
    }

    var description: String { "\(pid) \(now.map { "\($0)" } ?? "gone")" }

    private static func stat(_ pid: pid_t) -> (state: Character, parent: pid_t, group: pid_t, session: pid_t, startTime: UInt64)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: end)...].split(separator: " ")
        guard fields.count > 19, let state = fields[0].first, let parent = pid_t(fields[1]), let group = pid_t(fields[2]),
              let session = pid_t(fields[3]), let startTime = UInt64(fields[19])
        else { return nil }
        return (state, parent, group, session, startTime)
    }
}

extension Scratch {
    /// Kills what a failed test left running: the processes whose pids the command wrote to
    /// `names`, if they are still a session command's (`CMC_UID` in their environment).
    func killRecorded(_ names: [String]) {
        for name in names {
            guard let text = try? String(contentsOfFile: path(name), encoding: .utf8),
                  let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                  let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ"),
                  String(decoding: environment, as: UTF8.self).contains("CMC_UID=")
            else { continue }
            kill(pid, SIGKILL)
        }
    }
}

/// The containments this machine can test: the subreaper always; a cgroup when this process can
/// write its own cgroup v2 directory (as root on a machine without systemd, or in a delegated
/// cgroup).
enum Containments {
    static let testable: [SessionContainmentChoice] = cgroupWritable ? [.cgroup, .subreaper] : [.subreaper]

    static let cgroupWritable = ownCgroupFolder.map { access($0, W_OK) == 0 } ?? false

    /// This process's cgroup v2 directory.
    static let ownCgroupFolder: String? = {
        guard let own = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8),
              let path = own.split(separator: "\n").first(where: { $0.hasPrefix("0::") })?.dropFirst(3)
        else { return nil }
        return cgroupFolder(of: String(path))
    }()

    /// The directory of the cgroup v2 path `path`.
    static func cgroupFolder(of path: String) -> String? {
        guard let mountinfo = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8),
              let line = mountinfo.split(separator: "\n").first(where: { $0.contains(" - cgroup2 ") })
        else { return nil }
        return "\(line.split(separator: " ")[4])\(path == "/" ? "" : path)"
    }

    /// The audit's name for it.
    static func name(_ choice: SessionContainmentChoice) -> String {
        choice == .subreaper ? "subreaper" : "cgroup"
    }
}
