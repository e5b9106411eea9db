import Glibc
import KioskCore
import KioskNetwork

/// Instrumentation for the benchmarks: when the environment variable `CMC_KIOSK_TIMING_TRACE`
/// names a file, one line is appended to it for every screen that reaches the terminal — the
/// `CLOCK_MONOTONIC` time in nanoseconds and the screen's name, e.g. `8123456789 locked` — and
/// for every HTTP transfer as it ends, with its round trips on the link and new connections, e.g.
/// `8123456790 transfer 3 1 POST https://gas.example/login/authactivate`. The clock is the
/// machine's, so another process can compare it with its own timestamps. Nothing else is
/// written: no user, no role, no query, no secret.
final class TimingTrace: Sendable {
    static let variable = "CMC_KIOSK_TIMING_TRACE"
    private let descriptor: Int32

    /// `nil` unless the variable is set and its file can be opened for appending.
    init?(environment: [String: String]) {
        guard let path = environment[Self.variable], !path.isEmpty else { return nil }
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
    }

    deinit { close(descriptor) }

    /// Appends the line for a screen of `phase`, timed now.
    func record(_ phase: KioskPhase) {
        append(phase.step.rawValue)
    }

    /// Appends the line for a transfer that has just ended; one that got no answer is marked
    /// `unanswered`.
    func record(transfer: TransferRecord) {
        let outcome = transfer.answered ? "" : " unanswered"
        append("transfer \(transfer.roundTrips) \(transfer.newConnections) \(transfer.request)\(outcome)")
    }

    private func append(_ text: String) {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let line = "\(Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)) \(text)\n"
        _ = line.withCString { write(descriptor, $0, strlen($0)) }
    }
}
