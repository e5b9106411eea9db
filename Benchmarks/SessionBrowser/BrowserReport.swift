import Foundation
import LifecycleDriver

/// The benchmark's tables: a row per browser, and each browser's goals.
struct BrowserReport {
    let cycles: Int
    let browsers: [BrowserFigures]

    func print() {
        let columns = ["min", "median", "p95", "p99", "max"]
        var removal = Table(title: "card pulled, \(cycles) cycles a browser (ms)", columns: columns)
        for figures in browsers {
            let name = figures.browser.rawValue
            removal.add("watcher: → SCARD_STATE_EMPTY [\(name)]", figures.watcherRemoval.summary)
            removal.add("kiosk: → lock screen drawn [\(name)]", figures.lock.summary)
            removal.add("→ every session process gone [\(name)]", figures.processesGone.summary)
            removal.add("every session process gone − watcher EMPTY [\(name)]", figures.processesGoneOverWatcher.summary)
            removal.add("→ the browser's pages answer \"session ended\" [\(name)]", figures.pagesEnded.summary)
        }
        var start = Table(title: "card in → patient list shown (ms)", columns: columns)
        for figures in browsers { start.add(figures.browser.rawValue, figures.pageShown.summary) }
        Swift.print(removal.render() + "\n")
        Swift.print(start.render() + "\n")
        for figures in browsers {
            let counts = figures.processCounts
            Swift.print("\(figures.browser.rawValue): \(counts.min() ?? 0)–\(counts.max() ?? 0) processes of the session user at each removal")
        }
        Swift.print()
        Swift.print(goals().render())
    }

    private func goals() -> Table {
        var table = Table(title: "goal (p99)", columns: ["target", "measured", "met"])
        for figures in browsers {
            let name = figures.browser.rawValue
            let goal = figures.browser.goalMilliseconds
            for (label, samples) in [("processes gone", figures.processesGone), ("pages \"session ended\"", figures.pagesEnded)] {
                let p99 = samples.quantile(0.99)
                table.add("\(name): card pulled → \(label)", text: [
                    "≤ \(Int(goal))", p99.map { String(format: "%.1f", $0) } ?? "–", p99.map { $0 <= goal ? "yes" : "NO" } ?? "NO",
                ])
            }
        }
        return table
    }
}
