import CShims
import Foundation
import Glibc
import LifecycleDriver

/// The processes of the session user, watched through pidfds: when the last of them has ended.
struct SessionProcesses {
    let uid: uid_t

    /// The session user's uid; the run cannot go on without it.
    init(user: String) throws {
        guard let account = getpwnam(user) else {
            throw BenchError.failed("no user \(user) on this machine: scripts/setup makes cmc-session-test")
        }
        uid = account.pointee.pw_uid
    }

    /// The pids of the user's live processes (zombies left out), from /proc.
    func live() -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
            guard let pid = pid_t(entry),
                  let status = try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8),
                  status.split(separator: "\n").contains(where: { $0.hasPrefix("Uid:\t\(uid)\t") }),
                  !status.contains("State:\tZ")
            else { return nil }
            return pid
        }
    }

    /// Pidfds for the user's processes now, to be given to ``lastEnd(of:seconds:)``.
    func open() -> [Int32] { live().map { cmc_pidfd_open($0) }.filter { $0 >= 0 } }

    /// The monotonic time at which the last of `pidfds`, and of any process of the user started
    /// meanwhile, ended; nil if one is still running after `seconds`. Closes the descriptors.
    func lastEnd(of pidfds: [Int32], seconds: Double = 10) -> Int64? {
        var waiting = pidfds
        var last: Int64 = 0
        let deadline = MonotonicClock.nanoseconds() + Int64(seconds * 1e9)
        while true {
            while !waiting.isEmpty {
                var polled = waiting.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
                let left = Int32((deadline - MonotonicClock.nanoseconds()) / 1_000_000)
                guard left > 0, poll(&polled, nfds_t(polled.count), left) > 0 else {
                    waiting.forEach { close($0) }
                    return nil
                }
                let now = MonotonicClock.nanoseconds()
                for ended in polled where ended.revents != 0 {
                    last = max(last, now)
                    close(ended.fd)
                }
                waiting = polled.filter { $0.revents == 0 }.map(\.fd)
            }
            // A process started after the pidfds were opened (a renderer, say) is watched too.
            let newcomers = open()
            if newcomers.isEmpty { return last }
            waiting = newcomers
        }
    }
}
