import ArgumentParser
import Foundation
import LifecycleDriver

/// Not a test: the end of a signed-in browser session, timed through the real kiosk, pcscd,
/// vpcd, `cmc-vcard` and `cmc-sim` (TLS on loopback), against a PC/SC watcher on the same
/// reader: card pulled → every process of the session user gone, and → the portal pages the
/// browser holds answer "session ended".
@main
struct BenchSessionBrowser: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-session-browser",
        abstract: "Times card removal → every browser process gone, and → the browser's portal pages answer \"session ended\", for w3m and Chromium.",
        discussion: """
            Needs root (the kiosk switches to the session user), pcscd with vsmartcard-vpcd, w3m, chromium and the \
            user cmc-session-test (scripts/setup makes them all); chromium-window (Chromium in kiosk mode in a window, \
            as on a thin client) needs Xvfb and xhost too (xvfb, x11-xserver-utils). Uses one vpcd reader: nothing else may use it meanwhile.

            Each cycle signs in with a card, waits until the simulator has shown the browser the patient list through \
            the hand-off URL, then pulls the card. The browser's pages answer "session ended" from the moment the \
            portal session ends: that time is the simulator's own record of it.
            """)

    @Option(help: "The browsers, comma-separated: w3m, chromium (headless), chromium-window.") var browsers = "w3m,chromium"
    @Option(help: "Sign-in and removal cycles for each browser.") var cycles = 30
    @Option(help: "The session user.") var sessionUser = "cmc-session-test"
    @Option(help: "The vpcd reader's name.") var reader = "Virtual PCD 00 00"
    @Option(help: "The vpcd port of that reader.") var port = 35963

    func validate() throws { _ = try chosenBrowsers() }

    func run() throws {
        guard geteuid() == 0 else { throw BenchError.failed("run as root: the kiosk switches to the session user") }
        let processes = try SessionProcesses(user: sessionUser)
        let bench = try Workbench(name: "bench-session-browser")
        let pki = try ServerPKI(in: bench)
        let simulator = try SimulatorRun(pki: pki, host: "localhost", in: bench)
        defer { simulator.stop() }
        let watcher = try PCSCWatcher(readerName: reader)
        // Short: a socket made in the session's TMPDIR must fit in 107 bytes (home_base ≤ 40).
        let homes = "/tmp/bench-homes-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: homes) }
        print("bench-session-browser: \(cycles) cycles a browser on \"\(reader)\", simulator \(simulator.url), files in \(bench.path)")

        var all: [BrowserFigures] = []
        for browser in try chosenBrowsers() {
            let tables = try browser.sessionTable(user: sessionUser, homeBase: homes, pki: pki)
            let display = browser.needsDisplay ? try XDisplay(number: 90, user: sessionUser) : nil
            defer { display?.stop() }
            let kiosk = try KioskRun(
                simulator: simulator, pki: pki, readerName: reader, tables: tables,
                variables: display.map { ["DISPLAY=\($0.name)"] } ?? [], in: bench, name: "kiosk-\(browser.rawValue)")
            defer { kiosk.stop() }
            guard kiosk.drawn("locked", after: 0) != nil else {
                throw BenchError.failed("\(browser.rawValue): the kiosk never drew its lock screen (see \(kiosk.errorLogPath))")
            }
            let driver = BrowserCycles(kiosk: kiosk, simulator: simulator, watcher: watcher, processes: processes, port: port)
            var figures = BrowserFigures(browser: browser)
            print("\(browser.rawValue): \(cycles) cycles")
            for cycle in 1...cycles {
                try driver.run(into: &figures)
                if cycle % 10 == 0 { print("  \(cycle) cycles done") }
            }
            all.append(figures)
        }
        BrowserReport(cycles: cycles, browsers: all).print()
    }

    private func chosenBrowsers() throws -> [BrowserKind] {
        let names = browsers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let chosen = names.compactMap(BrowserKind.init(rawValue:))
        guard !chosen.isEmpty, chosen.count == names.count, Set(names).count == names.count else {
            throw ValidationError("--browsers takes w3m, chromium and chromium-window, comma-separated, not \"\(browsers)\"")
        }
        return chosen
    }
}
