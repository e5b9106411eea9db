import Foundation
import KioskProcessTestSupport
import TerminalTestSupport
import Testing

/// lynx as cmc-kiosk documents it for a clinician's session: `-restrictions=all` with the shipped
/// `deploy/lynx/lynx.cfg`, each of lynx's ways out pressed in a real lynx in tmux.
@Suite("lynx without a way out", .serialized)
struct LynxLockdownTests {
    static let configuration = Package.root.appending(path: "deploy/lynx/lynx.cfg").path

    /// lynx's keys that reach a shell, an editor, another URL, a file or another program.
    static let escapeKeys = ["!", "g", "G", "e", "E", "d", "p", "o", "j", ".", ",", "C-z"]

    @Test("no key gives a shell, a URL prompt or a program, and lynx stays on the page", arguments: escapeKeys)
    func noKeyEscapes(_ key: String) throws {
        let page = try BrowserPage()
        defer { page.remove() }
        let lynx = try page.lynx(locked: true)
        defer { lynx.kill() }
        try #require(lynx.wait(for: "Patients").contains("Patients"), "lynx shows the page")
        try lynx.send(key.count == 1 ? ["-l", key] : [key])
        Thread.sleep(forTimeInterval: 0.3)
        let screen = lynx.capture()
        #expect(!screen.contains("URL to open"), "\(key): \(screen)")
        #expect(!screen.contains("Spawning your default shell"), "\(key): \(screen)")
        try lynx.send(["-l", "touch \(page.marker)"])
        try lynx.send(["Enter"])
        Thread.sleep(forTimeInterval: 0.3)
        #expect(!FileManager.default.fileExists(atPath: page.marker), "\(key): no shell ran")
        #expect(lynx.panePID().map { kill($0, 0) == 0 } == true, "\(key): lynx still runs")
    }

    @Test("the control: without the restrictions, ! gives a shell, which the test sees")
    func unrestrictedLynxEscapes() throws {
        let page = try BrowserPage()
        defer { page.remove() }
        let lynx = try page.lynx(locked: false)
        defer { lynx.kill() }
        try #require(lynx.wait(for: "Patients").contains("Patients"))
        try lynx.send(["-l", "!"])
        #expect(lynx.wait(for: "Spawning your default shell").contains("Spawning your default shell"))
        try lynx.send(["-l", "touch \(page.marker)"])
        try lynx.send(["Enter"])
        #expect(page.waitForMarker(), "the shell ran")
    }
}
