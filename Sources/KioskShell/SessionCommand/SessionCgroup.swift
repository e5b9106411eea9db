import FoundationEssentials
import Glibc
import Synchronization

/// A session's own cgroup, below the kiosk's: what is in it cannot leave it without write access
/// to the kiosk's cgroup, whatever it forks, and `cgroup.kill` ends all of it at once.
struct SessionCgroup: Sendable {
    /// As `/proc/<pid>/cgroup` names it.
    let path: String
    let directory: String
    private static let serial = Atomic<Int>(0)

    /// A new, empty cgroup `cmc-session-<kiosk pid>-<n>` in `parent`; `nil` when it cannot be made
    /// or has no `cgroup.kill` (Linux 5.14 and later).
    static func create(in parent: KioskCgroup) -> SessionCgroup? {
        for _ in 0..<100 {
            let name = "cmc-session-\(getpid())-\(serial.add(1, ordering: .relaxed).newValue)"
            let cgroup = SessionCgroup(
                path: parent.path == "/" ? "/" + name : parent.path + "/" + name,
                directory: parent.directory + "/" + name)
            if mkdir(cgroup.directory, 0o755) == 0 {
                guard access(cgroup.directory + "/cgroup.kill", W_OK) == 0 else {
                    rmdir(cgroup.directory)
                    return nil
                }
                return cgroup
            }
            guard errno == EEXIST else { return nil }  // left by an earlier kiosk with this pid
        }
        return nil
    }

    /// Ends and removes the session cgroups that kiosks which ended without their teardown (killed,
    /// crashed) left in `parent`: those named after a pid that no longer runs. Under systemd there
    /// are none: stopping the unit ends everything in its cgroup.
    static func removeStale(in parent: KioskCgroup) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.directory)) ?? [] {
            let parts = name.split(separator: "-")
            guard parts.count == 4, name.hasPrefix("cmc-session-"), let kiosk = pid_t(parts[2]), kiosk != getpid(),
                  kill(kiosk, 0) == -1, errno == ESRCH
            else { continue }
            let stale = SessionCgroup(
                path: parent.path == "/" ? "/" + name : parent.path + "/" + name,
                directory: parent.directory + "/" + name)
            if stale.isPopulated, stale.killAll() {
                for _ in 0..<50 where stale.isPopulated { usleep(20_000) }
            }
            stale.remove()
        }
    }

    /// Moves the process `pid` into the cgroup; whether it went.
    func adopt(_ pid: pid_t) -> Bool {
        ProcFiles.write("\(pid)\n", to: directory + "/cgroup.procs")
    }

    /// Whether a live process is in the cgroup or below (zombies do not count).
    var isPopulated: Bool {
        guard let events = ProcFiles.read(directory + "/cgroup.events") else { return false }
        return events.split(separator: "\n").contains("populated 1")
    }

    /// Whether `cgroupPath` (a process's) is this cgroup or one below it.
    func contains(_ cgroupPath: String) -> Bool {
        cgroupPath == path || cgroupPath.hasPrefix(path + "/")
    }

    /// The live processes in the cgroup and below, each checked to be in it as it was read.
    func members() -> [ProcessEntry] {
        subtree().flatMap { folder in
            (ProcFiles.read(folder + "/cgroup.procs") ?? "").split(separator: "\n").compactMap { line in
                guard let pid = pid_t(line), let entry = ProcessEntry.read(pid), !entry.hasEnded,
                      ProcFiles.cgroupPath(of: pid).map(contains) == true
                else { return nil }
                return entry
            }
        }
    }

    /// SIGKILL to every process in the cgroup and below, forks racing with it included; whether
    /// the kernel took it.
    func killAll() -> Bool {
        ProcFiles.write("1", to: directory + "/cgroup.kill")
    }

    /// Removes the cgroup and any made below it, deepest first; those still holding a process stay.
    func remove() {
        for folder in subtree().reversed() { rmdir(folder) }
    }

    /// This cgroup's directory and those below it, parents before children.
    private func subtree() -> [String] {
        var folders = [directory]
        var index = 0
        while index < folders.count {
            let folder = folders[index]
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            folders += names.filter { name in
                var status = stat()
                return stat(folder + "/" + name, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
            }.map { folder + "/" + $0 }
            index += 1
        }
        return folders
    }
}
