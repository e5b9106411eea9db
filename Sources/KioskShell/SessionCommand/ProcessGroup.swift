import FoundationEssentials
import Glibc

/// Looks at the members of a process group through `kill(2)` and `/proc`.
enum ProcessGroup {
    /// Whether no live process is in the group. Zombies do not count: they run nothing, and the
    /// orphans among them are for init to reap.
    static func isEmpty(_ group: pid_t) -> Bool {
        if kill(-group, 0) == -1, errno == ESRCH { return true }
        return liveMembers(group).isEmpty
    }

    /// Polls until the group is empty or `limit` has passed; whether it emptied.
    static func waitUntilEmpty(_ group: pid_t, within limit: Duration) -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if isEmpty(group) { return true }
            usleep(20_000)
        }
        return isEmpty(group)
    }

    /// The pids of the group's processes that are not zombies, from `/proc/<pid>/stat`.
    static func liveMembers(_ group: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = pid_t(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let fields = stat.lastIndex(of: ")").map({ stat[stat.index(after: $0)...].split(separator: " ") }),
                  fields.count > 2, fields[0] != "Z", pid_t(fields[2]) == group
            else { return nil }
            return pid
        }
    }
}
