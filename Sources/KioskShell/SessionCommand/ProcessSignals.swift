import CShims
import Glibc

/// Signals a process known by its ``ProcessIdentity``, never a later one that reuses its pid.
enum ProcessSignals {
    /// Sends `signal` to `process` if it is still there; whether it was sent.
    ///
    /// With a pidfd (Linux 5.3 and later) the process is pinned first, then its start time is
    /// checked, so the signal reaches that process or none. Without, the start time is checked
    /// just before `kill`, which leaves the pid's reuse between the two as the only race.
    @discardableResult
    static func send(_ signal: Int32, to process: ProcessIdentity) -> Bool {
        let pidfd = cmc_pidfd_open(process.pid)
        if pidfd >= 0 {
            defer { close(pidfd) }
            guard ProcessEntry.read(process.pid)?.startTime == process.startTime else { return false }
            return cmc_pidfd_send_signal(pidfd, signal) == 0
        }
        // ENOSYS before Linux 5.3; EPERM from a seccomp filter that does not know the call.
        guard errno == ENOSYS || errno == EPERM, ProcessEntry.read(process.pid)?.startTime == process.startTime else {
            return false
        }
        return kill(process.pid, signal) == 0
    }
}
