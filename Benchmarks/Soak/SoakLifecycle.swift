import ArgumentParser
import Foundation
import LifecycleDriver
import TerminalTestSupport

/// Not a test: many insert → passcode → role → signed in → remove cycles of the real kiosk
/// through pcscd, vpcd, `cmc-vcard` and `cmc-sim`, with random waits and a share of removals cut
/// short mid-step; then a report (crashes, orphaned sessions and tickets, memory growth, removal
/// to lock latency) and PASS or FAIL. Exits non-zero on FAIL.
@main
struct SoakLifecycle: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak-lifecycle",
        abstract: "Soaks cmc-kiosk with random sign-in and removal cycles; PASS or FAIL on crashes, orphans, RSS growth and lock latency.",
        discussion: "Needs pcscd with vsmartcard-vpcd (scripts/setup). Uses one vpcd reader: nothing else may use it meanwhile.")

    @Option(help: "Sign-in and removal cycles.") var cycles = 1000
    @Option(help: "The vpcd reader's name.") var reader = "Virtual PCD 00 00"
    @Option(help: "The vpcd port of that reader.") var port = 35963
    @Option(help: "Seed of the random plan and waits (default: a random one, printed).") var seed: UInt64?
    @Option(help: "Share of the cycles whose card is pulled mid-step.") var interrupted = 0.2

    /// The cycles after which memory growth is measured: the first sign-ins load and initialise
    /// TLS, libcurl and the screens of every kind of card, which is not growth.
    var warmUp: Int { max(1, min(20, cycles / 2)) }

    func run() throws {
        let seed = seed ?? UInt64.random(in: 1...UInt64(UInt32.max))
        var random = SplitMix64(seed: seed)
        let bench = try Workbench(name: "soak-lifecycle")
        let pki = try ServerPKI(in: bench)
        let simulator = try SimulatorRun(pki: pki, in: bench)
        defer { simulator.stop() }
        FileHandle.standardOutput.write(Data(
            "soak-lifecycle: \(cycles) cycles on \"\(reader)\", seed \(seed), simulator \(simulator.url), files in \(bench.path)\n".utf8))

        var figures = SoakFigures()
        var kiosk = try startKiosk(simulator: simulator, pki: pki, bench: bench, run: 1)
        defer { kiosk.stop() }
        figures.rssStartKB = kiosk.memoryKilobytes("VmRSS")
        var stopwatch = Date()
        for number in 1...cycles {
            if !kiosk.isRunning {
                figures.crashes.append(Crash(cycle: number, stderrTail: Self.tail(of: kiosk.errorLogPath)))
                kiosk = try startKiosk(simulator: simulator, pki: pki, bench: bench, run: figures.crashes.count + 1)
            }
            let plan = CyclePlan.random(using: &random, interruptedShare: interrupted)
            let cycle = Cycle(plan: plan, kiosk: kiosk, simulator: simulator, port: port)
            figures.record(try cycle.run(using: &random), plan: plan)
            if number == warmUp { figures.rssWarmKB = kiosk.memoryKilobytes("VmRSS") }
            if number % 50 == 0 || number == cycles {
                let elapsed = Date().timeIntervalSince(stopwatch)
                stopwatch = Date()
                // Unbuffered, so that the progress shows as it happens, in a CI log too.
                let line = String(format: "  %d cycles (%d cut short, %d stuck), RSS %@ kB, last 50 in %.0f s\n",
                                  number, figures.cutShort, figures.stuck.count,
                                  kiosk.memoryKilobytes("VmRSS").map(String.init) ?? "–", elapsed)
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        }
        if !kiosk.isRunning {
            figures.crashes.append(Crash(cycle: cycles, stderrTail: Self.tail(of: kiosk.errorLogPath)))
        }
        figures.settled = try settle(simulator)
        figures.rssEndKB = kiosk.memoryKilobytes("VmRSS")
        figures.peakKB = kiosk.memoryKilobytes("VmHWM")
        figures.kioskStderr = Self.tail(of: kiosk.errorLogPath)
        let report = SoakReport(cycles: cycles, warmUp: warmUp, seed: seed, figures: figures)
        report.print()
        if !report.passed { throw ExitCode(1) }
    }

    /// A kiosk on the lock screen.
    private func startKiosk(simulator: SimulatorRun, pki: ServerPKI, bench: Workbench, run: Int) throws -> KioskRun {
        let started = MonotonicClock.nanoseconds()
        let kiosk = try KioskRun(simulator: simulator, pki: pki, readerName: reader, in: bench, name: "kiosk-\(run)")
        guard kiosk.drawn("locked", after: started, seconds: 60) != nil else {
            kiosk.stop()
            throw BenchError.failed("the kiosk never drew its lock screen (see \(kiosk.errorLogPath))")
        }
        return kiosk
    }

    /// The simulator's status once nothing is live any more, or after 30 s (a lease and more).
    private func settle(_ simulator: SimulatorRun) throws -> SimulatorStatus {
        let deadline = Date().addingTimeInterval(30)
        var status = try simulator.status()
        while !(status.sessions.isEmpty && status.tickets.isEmpty), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.5)
            status = try simulator.status()
        }
        return status
    }

    /// The last lines of a log file, or nothing.
    static func tail(of path: String, lines: Int = 20) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
