import LifecycleDriver

/// The benchmark's tables, and each figure against its target.
struct Report {
    let cycles: Int
    let lifecycle: CycleFigures
    let roleList: (fromScreen: Samples, fromKey: Samples)
    let coldStart: (tmux: Samples, kiosk: Samples)
    let idleCPU: Double
    let idleSeconds: Int
    let memory: Memory

    func print() {
        let columns = ["min", "median", "p95", "p99", "max"]
        var removal = Table(title: "removal, \(cycles) cycles (ms)", columns: columns)
        removal.add("watcher: card pulled → SCARD_STATE_EMPTY", lifecycle.watcherRemoval.summary)
        removal.add("kiosk: card pulled → lock screen drawn", lifecycle.lock.summary)
        removal.add("kiosk lock drawn − watcher EMPTY", lifecycle.lockOverWatcher.summary)
        removal.add("card pulled → portal session destroyed", lifecycle.portalEnded.summary)
        var insert = Table(title: "insertion, \(cycles) cycles (ms)", columns: columns)
        insert.add("watcher: card in → SCARD_STATE_PRESENT", lifecycle.watcherInsert.summary)
        insert.add("kiosk: card in → passcode prompt drawn", lifecycle.prompt.summary)
        insert.add("kiosk prompt drawn − watcher PRESENT", lifecycle.promptOverWatcher.summary)
        var signIn = Table(title: "passcode → role list, loopback TLS (ms)", columns: columns)
        signIn.add("from the \"checking\" screen (\(roleList.fromScreen.values.count) runs)", roleList.fromScreen.summary)
        signIn.add("from Enter sent through tmux (\(roleList.fromKey.values.count) runs)", roleList.fromKey.summary)
        var start = Table(title: "cold start (ms)", columns: columns)
        start.add("tmux starting a program (baseline)", coldStart.tmux.summary)
        start.add("tmux starting cmc-kiosk → lock screen drawn", coldStart.kiosk.summary)
        for table in [removal, insert, signIn, start] { Swift.print(table.render() + "\n") }

        var targets = Table(title: "figure", columns: ["target", "measured", "met"])
        let floor = lifecycle.watcherRemoval.quantile(0.5) ?? 0
        let lockMedian = lifecycle.lock.quantile(0.5) ?? .infinity
        targets.add("removal → lock screen (median)", text: check(lockMedian, "≤ watcher + 30", floor + 30))
        targets.add("removal → lock screen (p99)", text: check(lifecycle.lock.quantile(0.99), "≤ 500", 500))
        targets.add("removal → portal session destroyed (p99)", text: check(lifecycle.portalEnded.quantile(0.99), "≤ 1000", 1000))
        let insertFloor = lifecycle.watcherInsert.quantile(0.5) ?? 0
        targets.add("insert → passcode prompt (median)", text: check(lifecycle.prompt.quantile(0.5), "≤ watcher + 100", insertFloor + 100))
        targets.add("passcode → role list (median)", text: check(roleList.fromScreen.quantile(0.5), "≤ 150", 150))
        let startMedian = (coldStart.kiosk.quantile(0.5) ?? .infinity) - (coldStart.tmux.quantile(0.5) ?? 0)
        targets.add("cold start → lock screen (median, less tmux)", text: check(startMedian, "≤ 150", 150))
        targets.add("idle CPU on the lock screen over \(idleSeconds) s (%)", text: check(idleCPU, "≤ 0.2", 0.2, format: "%.3f"))
        let peak = memory.peakKB.map { Double($0) / 1024 }
        targets.add("peak RSS (MB)", text: check(peak, "≤ 30", 30))
        targets.add("RSS at start → end of the run (MB)", text: [
            "", "\(megabytes(memory.startKB)) → \(megabytes(memory.endKB))", "",
        ])
        targets.add("at the end: private dirty / shared clean / PSS (MB)", text: [
            "", [memory.privateKB, memory.sharedKB, memory.proportionalKB].map(megabytes).joined(separator: " / "), "",
        ])
        Swift.print(targets.render())
    }

    private func check(_ value: Double?, _ target: String, _ bound: Double, format: String = "%.1f") -> [String] {
        guard let value else { return [target, "–", "no"] }
        return [target, String(format: format, value), value <= bound ? "yes" : "NO"]
    }

    private func megabytes(_ kilobytes: Int?) -> String {
        kilobytes.map { String(format: "%.1f", Double($0) / 1024) } ?? "–"
    }
}
