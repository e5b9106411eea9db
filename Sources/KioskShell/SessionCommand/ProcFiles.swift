import FoundationEssentials
import Glibc

/// Reads and writes the small files of `/proc` and of the cgroup file system, with plain system
/// calls: a teardown reads hundreds of them in a few milliseconds.
enum ProcFiles {
    /// The file's contents, `nil` when it cannot be read (its process has ended, say).
    static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = Glibc.read(descriptor, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return String(decoding: contents, as: UTF8.self) }
            contents += buffer[..<count]
        }
    }

    /// Writes `text` in one `write`, as cgroup files want; whether it was taken.
    @discardableResult
    static func write(_ text: String, to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        return Glibc.write(descriptor, bytes, bytes.count) == bytes.count
    }

    /// The pids of every process (thread group) there is.
    static func processIDs() -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }
    }

    /// The children the thread `thread` of this process started (`/proc/self/task/<tid>/children`),
    /// orphans it adopted aside. Empty when the kernel does not list them.
    static func children(ofThread thread: pid_t) -> [pid_t] {
        (read("/proc/self/task/\(thread)/children") ?? "").split(separator: " ").compactMap { pid_t($0) }
    }

    /// Whether the kernel lists a thread's children (`CONFIG_PROC_CHILDREN`).
    static var listsChildren: Bool {
        access("/proc/self/task/\(getpid())/children", R_OK) == 0
    }

    /// The cgroup v2 path of `pid` (the `0::` line of `/proc/<pid>/cgroup`), also for a zombie.
    static func cgroupPath(of pid: pid_t) -> String? {
        guard let text = read("/proc/\(pid)/cgroup") else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("0::") }.map { String($0.dropFirst(3)) }
    }
}
