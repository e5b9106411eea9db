import Foundation
import LifecycleDriver

/// One run's world, shared by every kiosk measured in it: the bench folder, the simulator, the
/// reader and its watcher.
struct LifecycleSession {
    let bench: Workbench
    let pki: ServerPKI
    let simulator: SimulatorRun
    let watcher: PCSCWatcher
    let reader: String
    let port: Int

    /// Starts `figures`' kiosk, and measures its idle CPU, its sign-in and removal cycles, its
    /// passcode to role list, and at the end its memory.
    func measure(_ figures: inout KioskFigures, cycles: Int, roleCycles: Int, idleSeconds: Int) throws {
        print("\(figures.kiosk.label): idle \(idleSeconds) s, \(cycles) cycles, \(roleCycles) to the role list")
        let kiosk = try start(figures.kiosk, name: "kiosk-\(figures.kiosk.fileName)")
        defer { kiosk.stop() }
        guard kiosk.drawn("locked", after: 0) != nil else {
            throw BenchError.failed("\(figures.kiosk.label): the kiosk never drew its lock screen (see \(kiosk.errorLogPath))")
        }
        let rssAtStart = kiosk.memoryKilobytes("VmRSS")
        figures.idleCPU = idlePercent(of: kiosk, seconds: idleSeconds)
        for cycle in 1...cycles {
            try signInAndRemove(kiosk: kiosk, figures: &figures.lifecycle)
            if cycle % 10 == 0 { print("  \(cycle) cycles done") }
        }
        for _ in 0..<roleCycles {
            try passcodeToRoleList(kiosk: kiosk, figures: &figures.roleList)
        }
        figures.memory = Memory(of: kiosk, rssAtStartKB: rssAtStart)
    }

    /// `kiosk`'s build with its backend on the session's reader; its files are named `name…`.
    func start(_ kiosk: MeasuredKiosk, name: String) throws -> KioskRun {
        try KioskRun(
            program: kiosk.build.path, backend: kiosk.backend, simulator: simulator, pki: pki, readerName: reader,
            in: bench, name: name)
    }

    /// One cycle: insert, passcode, signed in (one role), then the card yanked.
    private func signInAndRemove(kiosk: KioskRun, figures: inout CycleFigures) throws {
        let inserted = MonotonicClock.nanoseconds()
        let card = try CardRun(persona: Workbench.persona("one-role"), port: port, for: kiosk.backend)
        guard let seen = watcher.firstChange(toPresent: true, after: inserted),
              let prompt = kiosk.drawn("passcode_entry", after: inserted) else {
            card.yank()
            throw BenchError.failed("the card was not seen, or no passcode prompt")
        }
        figures.watcherInsert.add(milliseconds(seen - inserted))
        figures.prompt.add(milliseconds(prompt - inserted))
        figures.promptOverWatcher.add(milliseconds(prompt - seen))
        if let reading = kiosk.drawn("reading_card", after: inserted, seconds: 0), reading < prompt {
            figures.cardRead.add(milliseconds(prompt - reading))
        }
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
        figures.watcherRemoval.add(milliseconds(empty - removed))
        figures.lock.add(milliseconds(locked - removed))
        figures.lockOverWatcher.add(milliseconds(locked - empty))
        guard let ended = try simulator.waitForSessionEnd(uid: "555100000002", after: removedAt) else {
            throw BenchError.failed("the portal session was not ended after the removal")
        }
        figures.portalEnded.add(ended.timeIntervalSince(removedAt) * 1_000)
    }

    /// Passcode to role list (several roles), timed from the "checking" screen and from Enter.
    private func passcodeToRoleList(kiosk: KioskRun, figures: inout RoleListFigures) throws {
        let inserted = MonotonicClock.nanoseconds()
        let card = try CardRun(persona: Workbench.persona("several-roles"), port: port, for: kiosk.backend)
        defer { card.yank() }
        guard let prompt = kiosk.drawn("passcode_entry", after: inserted) else { throw BenchError.failed("no passcode prompt") }
        try kiosk.tmux.send("-l", "123456")
        Thread.sleep(forTimeInterval: 0.1)
        let submitted = MonotonicClock.nanoseconds()
        try kiosk.tmux.send("Enter")
        guard let roles = kiosk.drawn("choosing_role", after: prompt) else { throw BenchError.failed("no role list") }
        figures.fromKey.add(milliseconds(roles - submitted))
        if let checking = kiosk.drawn("verifying_passcode", after: prompt, seconds: 0) {
            figures.fromScreen.add(milliseconds(roles - checking))
        }
        let removed = MonotonicClock.nanoseconds()
        card.yank()
        _ = watcher.firstChange(toPresent: false, after: removed)
        _ = kiosk.drawn("locked", after: removed)
    }

    /// The kiosk's CPU use on the lock screen over `seconds`, in percent of one core.
    private func idlePercent(of kiosk: KioskRun, seconds: Int) -> Double {
        Thread.sleep(forTimeInterval: 1)
        let before = kiosk.cpuNanosecondsByThread()
        Thread.sleep(forTimeInterval: Double(seconds))
        // Thread by thread: a thread that ends meanwhile (a dispatch worker, idle for 5 s) would
        // take all its past time out of a sum over the process, and the figure could go negative.
        let used = kiosk.cpuNanosecondsByThread().reduce(0) { total, thread in total + thread.value - (before[thread.key] ?? 0) }
        return Double(used) / (Double(seconds) * 1e9) * 100
    }
}
