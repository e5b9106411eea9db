import ArgumentParser
import Foundation
import LifecycleDriver
import TerminalTestSupport

/// Not a test: times the real kiosk's lifecycle through pcscd, vpcd, `cmc-vcard` and `cmc-sim`
/// (TLS on loopback), against a minimal PC/SC watcher on the same reader, and prints tables.
@main
struct BenchLifecycle: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-lifecycle",
        abstract: "Times cmc-kiosk: removal to lock screen and to portal logout, insert to passcode prompt, passcode to role list, cold start, idle CPU and memory.",
        discussion: "Needs pcscd with vsmartcard-vpcd (scripts/setup). Uses one vpcd reader: nothing else may use it meanwhile.")

    @Option(help: "Sign-in and removal cycles.") var cycles = 50
    @Option(help: "Cycles timing passcode to role list.") var roleCycles = 20
    @Option(help: "Seconds on the lock screen over which idle CPU is measured.") var idleSeconds = 60
    @Option(help: "Cold starts timed.") var coldStarts = 10
    @Option(help: "The vpcd reader's name.") var reader = "Virtual PCD 00 00"
    @Option(help: "The vpcd port of that reader.") var port = 35963

    func run() throws {
        let bench = try Workbench(name: "bench-lifecycle")
        let pki = try ServerPKI(in: bench)
        let simulator = try SimulatorRun(pki: pki, in: bench)
        defer { simulator.stop() }
        let watcher = try PCSCWatcher(readerName: reader)
        print("bench-lifecycle: \(cycles) cycles on \"\(reader)\", simulator \(simulator.url), files in \(bench.path)\n")

        let start = try timeColdStarts(simulator: simulator, pki: pki, bench: bench)
        let kiosk = try KioskRun(simulator: simulator, pki: pki, readerName: reader, in: bench, name: "kiosk")
        defer { kiosk.stop() }
        guard kiosk.drawn("locked", after: 0) != nil else { throw BenchError.failed("the kiosk never drew its lock screen") }
        let rssAtStart = kiosk.memoryKilobytes("VmRSS")
        let idleCPU = idlePercent(of: kiosk)
        var lifecycle = CycleFigures()
        for cycle in 1...cycles {
            try signInAndRemove(kiosk: kiosk, watcher: watcher, simulator: simulator, figures: &lifecycle)
            if cycle % 10 == 0 { print("  \(cycle) cycles done") }
        }
        var toRoleList = (fromScreen: Samples(), fromKey: Samples())
        for _ in 0..<roleCycles {
            try passcodeToRoleList(kiosk: kiosk, watcher: watcher, figures: &toRoleList)
        }
        let memory = Memory(
            startKB: rssAtStart, endKB: kiosk.memoryKilobytes("VmRSS"), peakKB: kiosk.memoryKilobytes("VmHWM"),
            privateKB: kiosk.mappedKilobytes("Private_Dirty"), sharedKB: kiosk.mappedKilobytes("Shared_Clean"),
            proportionalKB: kiosk.mappedKilobytes("Pss"))
        Report(
            cycles: cycles, lifecycle: lifecycle, roleList: toRoleList, coldStart: start, idleCPU: idleCPU,
            idleSeconds: idleSeconds, memory: memory
        ).print()
    }

    /// One cycle: insert, passcode, signed in (one role), then the card yanked.
    private func signInAndRemove(kiosk: KioskRun, watcher: PCSCWatcher, simulator: SimulatorRun, figures: inout CycleFigures) throws {
        let inserted = MonotonicClock.nanoseconds()
        let card = try CardRun(persona: Workbench.persona("one-role"), port: port)
        guard let seen = watcher.firstChange(toPresent: true, after: inserted),
              let prompt = kiosk.drawn("passcode_entry", after: inserted) else {
            card.yank()
            throw BenchError.failed("the card was not seen, or no passcode prompt")
        }
        figures.watcherInsert.add(Self.milliseconds(seen - inserted))
        figures.prompt.add(Self.milliseconds(prompt - inserted))
        figures.promptOverWatcher.add(Self.milliseconds(prompt - seen))
        try kiosk.enter("123456")
        guard kiosk.drawn("signed_in", after: prompt) != nil else {
            card.yank()
            throw BenchError.failed("not signed in (see the kiosk's files in the bench folder)")
        }
        Thread.sleep(forTimeInterval: Double.random(in: 0.1...0.4))
        let removedAt = Date()
        let removed = MonotonicClock.nanoseconds()
        card.yank()
        guard let empty = watcher.firstChange(toPresent: false, after: removed),
              let locked = kiosk.drawn("locked", after: removed) else {
            throw BenchError.failed("the removal was not seen, or no lock screen")
        }
        figures.watcherRemoval.add(Self.milliseconds(empty - removed))
        figures.lock.add(Self.milliseconds(locked - removed))
        figures.lockOverWatcher.add(Self.milliseconds(locked - empty))
        guard let ended = try simulator.waitForSessionEnd(uid: "555100000002", after: removedAt) else {
            throw BenchError.failed("the portal session was not ended after the removal")
        }
        figures.portalEnded.add(ended.timeIntervalSince(removedAt) * 1_000)
    }

    /// Passcode to role list (several roles), timed from the "checking" screen and from Enter.
    private func passcodeToRoleList(kiosk: KioskRun, watcher: PCSCWatcher, figures: inout (fromScreen: Samples, fromKey: Samples)) throws {
        let inserted = MonotonicClock.nanoseconds()
        let card = try CardRun(persona: Workbench.persona("several-roles"), port: port)
        defer { card.yank() }
        guard let prompt = kiosk.drawn("passcode_entry", after: inserted) else { throw BenchError.failed("no passcode prompt") }
        try kiosk.tmux.send("-l", "123456")
        Thread.sleep(forTimeInterval: 0.1)
        let submitted = MonotonicClock.nanoseconds()
        try kiosk.tmux.send("Enter")
        guard let roles = kiosk.drawn("choosing_role", after: prompt) else { throw BenchError.failed("no role list") }
        figures.fromKey.add(Self.milliseconds(roles - submitted))
        if let checking = kiosk.drawn("verifying_passcode", after: prompt, seconds: 0) {
            figures.fromScreen.add(Self.milliseconds(roles - checking))
        }
        let removed = MonotonicClock.nanoseconds()
        card.yank()
        _ = watcher.firstChange(toPresent: false, after: removed)
        _ = kiosk.drawn("locked", after: removed)
    }

    /// tmux's own start-up (a `date` in its place), then the kiosk's: spawn to lock screen drawn.
    private func timeColdStarts(simulator: SimulatorRun, pki: ServerPKI, bench: Workbench) throws -> (tmux: Samples, kiosk: Samples) {
        var figures = (tmux: Samples(), kiosk: Samples())
        for run in 0..<coldStarts {
            let stamp = bench.file("tmux-\(run).time")
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            let before = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
            let baseline = try Tmux(command: "exec date +%s%N > \(stamp)")
            let deadline = Date().addingTimeInterval(5)
            var started: Int64?
            while started == nil, Date() < deadline {
                started = (try? String(contentsOfFile: stamp, encoding: .utf8)).flatMap { Int64($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
                if started == nil { Thread.sleep(forTimeInterval: 0.005) }
            }
            baseline.kill()
            if let started { figures.tmux.add(Self.milliseconds(started - before)) }

            let spawned = MonotonicClock.nanoseconds()
            let kiosk = try KioskRun(simulator: simulator, pki: pki, readerName: reader, in: bench, name: "cold-\(run)")
            defer { kiosk.stop() }
            guard let locked = kiosk.drawn("locked", after: spawned) else { throw BenchError.failed("no lock screen on start") }
            figures.kiosk.add(Self.milliseconds(locked - spawned))
        }
        return figures
    }

    /// The kiosk's CPU use on the lock screen, in percent of one core.
    private func idlePercent(of kiosk: KioskRun) -> Double {
        Thread.sleep(forTimeInterval: 1)
        let before = kiosk.cpuNanoseconds()
        Thread.sleep(forTimeInterval: Double(idleSeconds))
        let used = kiosk.cpuNanoseconds() - before
        return Double(used) / (Double(idleSeconds) * 1e9) * 100
    }

    static func milliseconds(_ nanoseconds: Int64) -> Double { Double(nanoseconds) / 1e6 }
}

/// The timings of the sign-in and removal cycles.
struct CycleFigures {
    var watcherInsert = Samples(), prompt = Samples(), promptOverWatcher = Samples()
    var watcherRemoval = Samples(), lock = Samples(), lockOverWatcher = Samples(), portalEnded = Samples()
}

/// The kiosk's resident memory, kB: the resident set at the start, at the end and at its peak;
/// and at the end, what is its own (heap, stacks, written data), what is shared libraries' pages
/// also mapped by other processes, and its proportional share of everything.
struct Memory {
    let startKB, endKB, peakKB: Int?
    let privateKB, sharedKB, proportionalKB: Int?
}
