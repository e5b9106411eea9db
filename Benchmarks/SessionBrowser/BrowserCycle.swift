import Foundation
import LifecycleDriver

/// One browser's samples, in milliseconds from the card pulled.
struct BrowserFigures {
    let browser: BrowserKind
    var watcherRemoval = Samples()
    var lock = Samples()
    var processesGone = Samples()
    var processesGoneOverWatcher = Samples()
    var pagesEnded = Samples()
    /// How many of the browser's processes ran when the card was pulled.
    var processCounts: [Int] = []
    /// Card in → the browser showed the portal's patient list.
    var pageShown = Samples()
}

/// Sign-in and removal cycles of one kiosk whose session command is a browser.
struct BrowserCycles {
    let kiosk: KioskRun
    let simulator: SimulatorRun
    let watcher: PCSCWatcher
    let processes: SessionProcesses
    let port: Int

    /// Insert, passcode, the browser shows the patient list, then the card yanked: timed until
    /// the lock screen, every process of the session user gone, and the portal session (and so
    /// every page the browser could ask for) ended.
    func run(into figures: inout BrowserFigures) throws {
        let inserted = MonotonicClock.nanoseconds()
        let card = try CardRun(persona: Workbench.persona("one-role"), port: port)
        guard let prompt = kiosk.drawn("passcode_entry", after: inserted) else {
            card.yank()
            throw BenchError.failed("no passcode prompt (see \(kiosk.errorLogPath))")
        }
        try kiosk.enter("123456")
        guard kiosk.drawn("signed_in", after: prompt) != nil, let shown = try waitForPage(seconds: 30) else {
            card.yank()
            throw BenchError.failed("\(figures.browser.rawValue) never showed the patient list (see \(kiosk.errorLogPath))")
        }
        figures.pageShown.add(milliseconds(shown - inserted))
        Thread.sleep(forTimeInterval: Double.random(in: 0.2...0.5))

        let pidfds = processes.open()
        figures.processCounts.append(pidfds.count)
        let removedAt = Date()
        let removed = MonotonicClock.nanoseconds()
        card.yank()
        guard let gone = processes.lastEnd(of: pidfds) else {
            throw BenchError.failed("a process of the session user outlived the removal by 10 s")
        }
        guard let empty = watcher.firstChange(toPresent: false, after: removed),
              let locked = kiosk.drawn("locked", after: removed) else {
            throw BenchError.failed("the removal was not seen, or no lock screen")
        }
        guard let ended = try simulator.waitForSessionEnd(uid: "555100000002", after: removedAt) else {
            throw BenchError.failed("the portal session was not ended after the removal")
        }
        figures.watcherRemoval.add(milliseconds(empty - removed))
        figures.lock.add(milliseconds(locked - removed))
        figures.processesGone.add(milliseconds(gone - removed))
        figures.processesGoneOverWatcher.add(milliseconds(gone - empty))
        figures.pagesEnded.add(ended.timeIntervalSince(removedAt) * 1_000)
    }

    /// When the simulator first counted a page shown to the browser, polling every 20 ms.
    private func waitForPage(seconds: Double) throws -> Int64? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if try simulator.status().browserPageViews >= 1 { return MonotonicClock.nanoseconds() }
            Thread.sleep(forTimeInterval: 0.02)
        } while Date() < deadline
        return nil
    }
}
