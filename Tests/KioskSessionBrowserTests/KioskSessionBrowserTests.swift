import Foundation
import Glibc
import KioskProcessTestSupport
import Testing

/// The signed-in session in a real browser, through the real kiosk in tmux, `cmc-sim` over TLS
/// and a `cmc-vcard` card on a private pcscd: w3m, and Debian's Chromium (headless, with its
/// sandbox), open the portal's patient list through the hand-off URL, as the session user in a
/// fresh home, and removal ends it all.
@Suite("The session in a real browser", .serialized)
struct KioskSessionBrowserTests {
    static let w3mFolder = Package.root.appending(path: "deploy/w3m").path

    @Test func w3mOpensThePatientListAndRemovalEndsTheBrowserItsSessionAndItsHome() throws {
        let world = try BrowserWorld("w3m", needsTerminal: true) { shared in
            """
            ["/usr/bin/w3m", "-config", "\(Self.w3mFolder)/config", "-o", "keymap_file=\(Self.w3mFolder)/keymap", \
            "-o", "ssl_ca_file=\(shared)/ca.pem", "{handoff_url}"]
            """
        }
        defer { world.finish() }
        let card = try world.insertAndEnterPasscode(demo: "one-role")
        let list = world.kiosk.tmux.wait(seconds: 30) { $0.contains("Patients") && $0.contains("Nurse Amir Khan") }
        #expect(list.contains("Patients") && list.contains("Nurse Amir Khan"), "w3m shows the patient list: \(list)")
        #expect(list.contains("999 "), "the synthetic patients' NHS numbers: \(list)")

        let browsers = SessionProcesses.of(user: BrowserWorld.sessionUser, named: "w3m")
        try #require(browsers.count == 1, "one w3m, as the session user: \(browsers)")
        let home = try #require(browsers[0].home)
        #expect(home.hasPrefix(world.homes + "/"), "a fresh home under home_base: \(home)")
        #expect(FileManager.default.fileExists(atPath: home))
        let live = try world.simulator.status()
        #expect(live.browserSessions.count == 1, "the browser holds the kiosk's session: \(live)")

        // Into a care plan, and the escape keys do nothing.
        try world.kiosk.send("Tab")
        try world.kiosk.send("Enter")
        let plan = world.kiosk.tmux.wait(seconds: 10) { $0.contains("ictional") }
        #expect(plan.contains("ictional"), "a care plan, marked fictional: \(plan)")
        try world.kiosk.type("!")
        #expect(!world.kiosk.tmux.wait(seconds: 1) { $0.contains("(exec shell)") }.contains("(exec shell)"))

        world.scenario.removeAndExpectLock(card)
        #expect(Poll.until(seconds: 10) { SessionProcesses.of(user: BrowserWorld.sessionUser, named: "w3m").isEmpty },
                "w3m is gone")
        let kiosk = world.kiosk.pid()
        #expect(Poll.until(seconds: 5) { SessionProcesses.of(user: BrowserWorld.sessionUser, named: "", zombiesOf: kiosk).isEmpty },
                "not even a zombie of the kiosk's: \(SessionProcesses.of(user: BrowserWorld.sessionUser, named: "", zombiesOf: kiosk))")
        let after = try world.scenario.expectNothingLeftBehind()
        #expect(after.endedBrowserSessions.count == 1, "the browser's session has ended: \(after)")
        #expect(Poll.until(seconds: 10) { !FileManager.default.fileExists(atPath: home) }, "the home is gone")
        #expect(world.liveHomes().isEmpty, "no home left: \(world.liveHomes())")
    }

    @Test func chromiumTakesTheSessionAndRemovalEndsEveryChromiumProcess() throws {
        let world = try BrowserWorld("chromium", needsTerminal: false) { _ in
            """
            ["/usr/bin/chromium", "--headless=new", "--disable-gpu", "--no-first-run", \
            "--ignore-certificate-errors-spki-list=\(try ServerPKI.shared.server.publicKeyPin())", "{handoff_url}"]
            """
        }
        defer { world.finish() }
        let card = try world.insertAndEnterPasscode(demo: "one-role")
        #expect(world.kiosk.wait(for: "Signed in as Nurse Amir Khan").contains("Signed in as Nurse Amir Khan"))
        let taken = try world.simulator.waitForStatus(seconds: 30) { $0.browserPageViews >= 1 }
        #expect(taken.browserSessions.count == 1, "Chromium signed in through the hand-off: \(taken)")
        #expect(taken.browserPageViews >= 1, "Chromium showed the patient list: \(taken)")
        let chromium = SessionProcesses.of(user: BrowserWorld.sessionUser, named: "chrom")
        #expect(chromium.count > 1, "Chromium's processes, as the session user: \(chromium)")
        // The sandboxed renderers start with an empty environment; the rest have the fresh home.
        let homes = chromium.compactMap(\.home)
        #expect(!homes.isEmpty && homes.allSatisfy { $0.hasPrefix(world.homes + "/") }, "in the fresh home: \(homes)")

        world.scenario.removeAndExpectLock(card)
        #expect(Poll.until(seconds: 10) { SessionProcesses.of(user: BrowserWorld.sessionUser, named: "chrom").isEmpty },
                "every Chromium process is gone: \(SessionProcesses.of(user: BrowserWorld.sessionUser, named: "chrom"))")
        let kiosk = world.kiosk.pid()
        #expect(Poll.until(seconds: 5) { SessionProcesses.of(user: BrowserWorld.sessionUser, named: "", zombiesOf: kiosk).isEmpty },
                "not even a zombie of the kiosk's: \(SessionProcesses.of(user: BrowserWorld.sessionUser, named: "", zombiesOf: kiosk))")
        let after = try world.scenario.expectNothingLeftBehind()
        #expect(after.endedBrowserSessions.count == 1, "the browser's session has ended: \(after)")
        #expect(world.liveHomes().isEmpty, "no home left: \(world.liveHomes())")
    }
}
