import Foundation
import TerminalTestSupport

/// The bed's network namespaces, named `cmc<host letter>-<pid>-<n>`: the pid of the process that
/// made them, so that those of a dead process can be found and removed.
enum Namespaces {
    private static let counter = Counter()

    /// Names for a new bed's hosts, unique in this process.
    static func names() -> [BedHost: String] {
        let number = counter.next()
        return Dictionary(uniqueKeysWithValues: BedHost.allCases.map { ($0, "cmc\($0.letter)-\(getpid())-\(number)") })
    }

    /// Removes the namespaces, and every process in them, of beds whose process has ended.
    static func removeStale(folder: String) {
        for name in existing() {
            let parts = name.split(separator: "-")
            guard parts.count == 3, parts[0].count == 4, parts[0].hasPrefix("cmc"), let pid = Int32(parts[1]), Int(parts[2]) != nil,
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            delete(name, folder: folder)
        }
    }

    /// Kills whatever still runs in the namespace `name`, and deletes it.
    static func delete(_ name: String, folder: String) {
        let pids = (try? Spawned.run("/usr/sbin/ip", ["netns", "pids", name], logPrefix: "\(folder)/pids-\(name)"))?.stdout ?? ""
        for pid in pids.split(separator: "\n").compactMap({ pid_t($0) }) { kill(pid, SIGKILL) }
        _ = try? Spawned.run("/usr/sbin/ip", ["netns", "delete", name], logPrefix: "\(folder)/delete-\(name)")
    }

    /// The names `ip netns` knows now.
    static func existing() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/run/netns")) ?? []).sorted()
    }
}

/// A number that goes up by one each time it is taken.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
