import Foundation
import Glibc

/// What `/proc` and `kill(2)` say about processes the kiosk started, independent of the
/// kiosk's own `ProcessGroup`.
enum ProcessProbe {
    /// The state letter and process group of `pid` from `/proc/<pid>/stat`; `nil` if there is none.
    static func stat(_ pid: pid_t) -> (state: String, group: pid_t)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 2, let group = pid_t(fields[2]) else { return nil }
        return (String(fields[0]), group)
    }

    /// Whether `pid` runs: `kill(pid, 0)` finds it and it is not a zombie (a zombie runs
    /// nothing; reaping orphans is for whatever adopted them).
    static func isRunning(_ pid: pid_t) -> Bool {
        if kill(pid, 0) == -1, errno == ESRCH { return false }
        guard let stat = stat(pid) else { return false }
        return stat.state != "Z"
    }

    /// The processes of `group` that are not zombies.
    static func runningMembers(of group: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.filter { pid in
            guard let stat = stat(pid) else { return false }
            return stat.group == group && stat.state != "Z"
        }
    }
}
