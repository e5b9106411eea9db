import Foundation
import Glibc
import TerminalTestSupport

/// `cmc-kiosk --config FILE` in a tmux terminal of its own, writing a timing trace: a line per
/// screen drawn, with the monotonic time (see `TimingTrace` in KioskApp).
final class KioskRun {
    let tmux: Tmux
    let pid: pid_t
    private let tracePath: String

    /// Starts the kiosk; `startedAt` is the monotonic time just before tmux was asked to.
    init(simulator: SimulatorRun, pki: ServerPKI, readerName: String, in bench: Workbench, name: String) throws {
        tracePath = bench.file("\(name).trace")
        let state = bench.file("\(name)-state")
        try FileManager.default.createDirectory(atPath: state + "/tmp", withIntermediateDirectories: true)
        let config = bench.file("\(name).toml")
        try """
            environment = "test"
            device_id = "bench-kiosk"

            [endpoints]
            gas_url = "\(simulator.url)"
            portal_url = "\(simulator.url)"
            ca_file = "\(pki.caPath)"

            [reader]
            name = "\(readerName)"

            [audit]
            path = "\(state)/audit.jsonl"
            syslog = false

            """.write(toFile: config, atomically: true, encoding: .utf8)
        tmux = try Tmux(columns: 100, rows: 30, command: """
            exec env TERM=xterm-256color HOME=\(state) TMPDIR=\(state)/tmp CMC_KIOSK_TIMING_TRACE=\(tracePath) \
            \(Workbench.program("cmc-kiosk")) --config \(config) 2>\(bench.file("\(name).err"))
            """)
        guard let pid = tmux.panePID() else { throw BenchError.failed("no kiosk process in tmux") }
        self.pid = pid
    }

    /// When the screen `name` was first drawn at or after `time`, waiting at most `seconds`.
    func drawn(_ name: String, after time: Int64, seconds: Double = 15) -> Int64? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if let found = trace().first(where: { $0.screen == name && $0.nanoseconds >= time }) { return found.nanoseconds }
            Thread.sleep(forTimeInterval: 0.005)
        } while Date() < deadline
        return nil
    }

    private func trace() -> [(nanoseconds: Int64, screen: String)] {
        guard let text = try? String(contentsOfFile: tracePath, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let time = Int64(parts[0]) else { return nil }
            return (time, String(parts[1]))
        }
    }

    /// Types `text`, then Enter.
    func enter(_ text: String) throws {
        try tmux.send("-l", text)
        try tmux.send("Enter")
    }

    /// CPU time used so far by every thread of the kiosk, in nanoseconds.
    func cpuNanoseconds() -> Int64 {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.reduce(0) { total, task in
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/schedstat", encoding: .utf8)) ?? ""
            return total + (text.split(separator: " ").first.flatMap { Int64($0) } ?? 0)
        }
    }

    /// A `/proc/PID/status` figure in kB, e.g. `VmHWM` (peak resident set) or `VmRSS`.
    func memoryKilobytes(_ field: String) -> Int? { figure(field, in: "status") }

    /// A `/proc/PID/smaps_rollup` figure in kB: `Pss`, `Private_Dirty`, `Shared_Clean`…
    func mappedKilobytes(_ field: String) -> Int? { figure(field, in: "smaps_rollup") }

    private func figure(_ field: String, in file: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/\(file)", encoding: .utf8) else { return nil }
        let line = text.split(separator: "\n").first { $0.hasPrefix(field + ":") }
        return line?.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }

    func stop() { tmux.kill() }
}
