import Foundation
import Glibc
import TerminalTestSupport

/// `cmc-kiosk --config FILE` in a tmux terminal of its own, writing a timing trace: a line per
/// screen drawn and per HTTP transfer ended, with the monotonic time (see `TimingTrace` in KioskApp).
public final class KioskRun {
    public let tmux: Tmux
    public let pid: pid_t
    /// The card backend its configuration names; its cards must be of that backend's kind.
    public let backend: CardBackend
    /// Where the kiosk's standard error goes.
    public let errorLogPath: String
    private let tracePath: String
    /// The trace lines read so far, and how far into the file they go.
    private var entries: [(nanoseconds: Int64, screen: String)] = []
    /// The transfer lines read so far, in time order.
    private var transferEntries: [TraceTransfer] = []
    private var traceOffset: UInt64 = 0

    /// Starts the kiosk `program` with `backend` on the reader named `readerName`; its files are
    /// named `name…` in `bench`. Every kiosk of a backend gets the same configuration keys: an
    /// older one that needs others will not start (its error is in `errorLogPath`). `tables` are
    /// more TOML tables for its configuration file, such as `[session]`, and `variables` more
    /// `NAME=value` for its environment, such as `DISPLAY`. `launcher` comes before the command
    /// line, e.g. `nsenter --net=…` to run the kiosk on a test bed's host.
    public init(
        program: String = Workbench.program("cmc-kiosk"), backend: CardBackend = .profile, simulator: SimulatorRun,
        pki: ServerPKI, readerName: String, tables: String = "", variables: [String] = [], launcher: [String] = [],
        in bench: Workbench, name: String
    ) throws {
        self.backend = backend
        tracePath = bench.file("\(name).trace")
        errorLogPath = bench.file("\(name).err")
        let state = bench.file("\(name)-state")
        try FileManager.default.createDirectory(atPath: state + "/tmp", withIntermediateDirectories: true)
        let config = bench.file("\(name).toml")
        try ("""
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

            """ + backend.configurationTable + tables).write(toFile: config, atomically: true, encoding: .utf8)
        let environment = ["TERM=xterm-256color", "HOME=\(state)", "TMPDIR=\(state)/tmp", "CMC_KIOSK_TIMING_TRACE=\(tracePath)"]
            + (try backend.environment(reader: readerName, in: bench, name: name)) + variables
        tmux = try Tmux(columns: 100, rows: 30, command: """
            exec \(launcher.map { $0 + " " }.joined())env \(environment.joined(separator: " ")) \(program) --config \(config) 2>\(errorLogPath)
            """)
        guard let pid = tmux.panePID() else { throw BenchError.failed("no kiosk process in tmux") }
        self.pid = pid
    }

    /// When the screen `name` was first drawn at or after `time`, waiting at most `seconds`.
    public func drawn(_ name: String, after time: Int64, seconds: Double = 15) -> Int64? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            readTrace()
            // The trace is in time order: look back only as far as `time`.
            var index = entries.endIndex
            while index > entries.startIndex, entries[index - 1].nanoseconds >= time { index -= 1 }
            if let found = entries[index...].first(where: { $0.screen == name }) { return found.nanoseconds }
            Thread.sleep(forTimeInterval: 0.005)
        } while Date() < deadline
        return nil
    }

    /// The transfers that ended after `start` and at or before `end`, as read so far.
    public func transfers(after start: Int64, through end: Int64) -> [TraceTransfer] {
        readTrace()
        return transferEntries.filter { $0.nanoseconds > start && $0.nanoseconds <= end }
    }

    /// The first transfer of `method` to a URL ending in `pathSuffix` that ended at or after
    /// `time`, waiting at most `seconds`.
    public func transfer(_ method: String, pathSuffix: String, after time: Int64, seconds: Double = 15) -> TraceTransfer? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            readTrace()
            if let found = transferEntries.first(where: {
                $0.nanoseconds >= time && $0.method == method && $0.url.hasSuffix(pathSuffix)
            }) { return found }
            Thread.sleep(forTimeInterval: 0.005)
        } while Date() < deadline
        return nil
    }

    /// Reads the whole lines appended to the trace since the last read.
    private func readTrace() {
        guard let file = FileHandle(forReadingAtPath: tracePath) else { return }
        defer { try? file.close() }
        guard (try? file.seek(toOffset: traceOffset)) != nil, let data = try? file.readToEnd(),
              let lastNewline = data.lastIndex(of: 0x0A) else { return }
        let whole = data[data.startIndex...lastNewline]
        traceOffset += UInt64(whole.count)
        for line in String(decoding: whole, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let time = Int64(parts[0]) { entries.append((time, String(parts[1]))) }
            if let transfer = TraceTransfer(line: parts) { transferEntries.append(transfer) }
        }
    }

    /// Types `text`, then Enter.
    public func enter(_ text: String) throws {
        try tmux.send("-l", text)
        try tmux.send("Enter")
    }

    /// Whether the kiosk process still runs (it is not gone, nor a zombie).
    public var isRunning: Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }

    /// CPU time used so far by each live thread of the kiosk, in nanoseconds, by thread id.
    public func cpuNanosecondsByThread() -> [String: Int64] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return Dictionary(uniqueKeysWithValues: tasks.map { task in
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/schedstat", encoding: .utf8)) ?? ""
            return (task, text.split(separator: " ").first.flatMap { Int64($0) } ?? 0)
        })
    }

    /// A `/proc/PID/status` figure in kB, e.g. `VmHWM` (peak resident set) or `VmRSS`.
    public func memoryKilobytes(_ field: String) -> Int? { figure(field, in: "status") }

    /// A `/proc/PID/smaps_rollup` figure in kB: `Pss`, `Private_Dirty`, `Shared_Clean`…
    public func mappedKilobytes(_ field: String) -> Int? { figure(field, in: "smaps_rollup") }

    private func figure(_ field: String, in file: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/\(file)", encoding: .utf8) else { return nil }
        let line = text.split(separator: "\n").first { $0.hasPrefix(field + ":") }
        return line?.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }

    public func stop() { tmux.kill() }
}
