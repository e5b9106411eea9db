import Foundation
import LifecycleDriver

/// The benchmark's timing tables, a row per kiosk where there are several, and each figure
/// against its target.
struct Report {
    let cycles: Int
    let idleSeconds: Int
    let tmuxStart: Samples
    let kiosks: [KioskFigures]

    func print() {
        let columns = ["min", "median", "p95", "p99", "max"]
        var removal = Table(title: "removal, \(cycles) cycles (ms)", columns: columns)
        add("watcher: card pulled → SCARD_STATE_EMPTY", to: &removal) { $0.lifecycle.watcherRemoval }
        add("kiosk: card pulled → lock screen drawn", to: &removal) { $0.lifecycle.lock }
        add("kiosk lock drawn − watcher EMPTY", to: &removal) { $0.lifecycle.lockOverWatcher }
        add("card pulled → portal session destroyed", to: &removal) { $0.lifecycle.portalEnded }
        var insert = Table(title: "insertion, \(cycles) cycles (ms)", columns: columns)
        add("watcher: card in → SCARD_STATE_PRESENT", to: &insert) { $0.lifecycle.watcherInsert }
        add("kiosk: card in → passcode prompt drawn", to: &insert) { $0.lifecycle.prompt }
        add("kiosk prompt drawn − watcher PRESENT", to: &insert) { $0.lifecycle.promptOverWatcher }
        add("kiosk: \"reading your smartcard\" → prompt", to: &insert, counted: true) { $0.lifecycle.cardRead }
        var signIn = Table(title: "passcode → role list, loopback TLS (ms)", columns: columns)
        add("from the \"checking\" screen", to: &signIn, counted: true) { $0.roleList.fromScreen }
        add("from Enter sent through tmux", to: &signIn, counted: true) { $0.roleList.fromKey }
        var start = Table(title: "cold start (ms)", columns: columns)
        start.add("tmux starting a program (`date`)", tmuxStart.summary)
        add("tmux starting cmc-kiosk → lock screen drawn", to: &start) { $0.coldStart }
        for table in [removal, insert, signIn, start] { Swift.print(table.render() + "\n") }
        Swift.print(targets().render() + "\n")
        Swift.print(MemoryReport(kiosks: kiosks).render())
    }

    /// A row of `samples` for each kiosk, naming the kiosk when there are several; `counted` adds
    /// the number of samples.
    private func add(_ label: String, to table: inout Table, counted: Bool = false, _ samples: (KioskFigures) -> Samples) {
        for figures in kiosks {
            let values = samples(figures)
            let count = counted ? " (\(values.values.count) runs)" : ""
            table.add(label + count + (kiosks.count > 1 ? " [\(figures.kiosk.label)]" : ""), values.summary)
        }
    }

    /// The kiosks the "met" column judges: this build's (the last build's), under every backend.
    private var judged: [KioskFigures] { kiosks.filter { $0.kiosk.build == kiosks.last?.kiosk.build } }

    /// Each figure as measured for every kiosk, its target, and whether this build meets it
    /// under every backend (naming those that miss it, when there are several).
    private func targets() -> Table {
        var table = Table(title: "figure", columns: ["target"] + kiosks.map(\.kiosk.label) + ["met"])
        func row(_ label: String, _ target: String, format: String = "%.1f",
                 _ value: (KioskFigures) -> Double?, bound: (KioskFigures) -> Double) {
            let measured = kiosks.map { value($0).map { String(format: format, $0) } ?? "–" }
            let missed = judged.filter { figures in value(figures).map { $0 > bound(figures) } ?? true }
            let met = missed.isEmpty ? "yes"
                : judged.count == 1 ? "NO" : "NO: " + missed.map(\.kiosk.backend.name).joined(separator: ", ")
            table.add(label, text: [target] + measured + [met])
        }
        row("removal → lock screen (median)", "≤ watcher + 30", { $0.lifecycle.lock.quantile(0.5) }) {
            ($0.lifecycle.watcherRemoval.quantile(0.5) ?? 0) + 30
        }
        row("removal → lock screen over the watcher (median)", "≤ 5", { $0.lifecycle.lockOverWatcher.quantile(0.5) }) { _ in 5 }
        row("removal → lock screen (p99)", "≤ 500", { $0.lifecycle.lock.quantile(0.99) }) { _ in 500 }
        row("removal → portal session destroyed (p99)", "≤ 1000", { $0.lifecycle.portalEnded.quantile(0.99) }) { _ in 1000 }
        row("insert → passcode prompt (median)", "≤ watcher + 100", { $0.lifecycle.prompt.quantile(0.5) }) {
            ($0.lifecycle.watcherInsert.quantile(0.5) ?? 0) + 100
        }
        row("passcode → role list (median)", "≤ 150", { $0.roleList.fromScreen.quantile(0.5) }) { _ in 150 }
        let tmux = tmuxStart.quantile(0.5) ?? 0
        row("cold start → lock screen (median, less tmux)", "≤ 30", { $0.coldStart.quantile(0.5).map { $0 - tmux } }) { _ in 30 }
        row("idle CPU on the lock screen over \(idleSeconds) s (%)", "≤ 0.2", format: "%.3f", \.idleCPU) { _ in 0.2 }
        row("peak RSS (MB)", "≤ 30", { $0.memory?.peakKB.map { Double($0) / 1024 } }) { _ in 30 }
        return table
    }
}
