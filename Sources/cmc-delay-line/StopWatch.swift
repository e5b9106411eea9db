import Glibc

/// Waits for the end of the process's run: SIGTERM or SIGINT (blocked, and looked for between
/// waits on standard input) or standard input closing. Made before any thread starts, so that
/// every thread keeps the signals blocked.
struct StopWatch {
    private var signals = sigset_t()

    init() throws {
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        guard pthread_sigmask(SIG_BLOCK, &signals, nil) == 0 else { throw SystemCallError("cannot block SIGTERM and SIGINT") }
    }

    /// Returns once a signal comes or standard input reaches its end.
    func waitForStop() {
        var signals = signals
        var entry = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        var buffer = [UInt8](repeating: 0, count: 512)
        var now = timespec(tv_sec: 0, tv_nsec: 0)
        while sigtimedwait(&signals, nil, &now) < 0 {
            guard poll(&entry, 1, 100) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN) { return }
        }
    }
}
