import Foundation
import KioskProcessTestSupport
import TerminalTestSupport

/// A folder with an HTML page and an empty HOME, for a text browser in tmux to show; a marker
/// file in it is what an escaped shell would create.
struct BrowserPage {
    let folder = FileManager.default.temporaryDirectory.appending(path: "browser-lockdown-\(UUID().uuidString.prefix(8))")
    var marker: String { folder.appending(path: "ESCAPED").path }

    init() throws {
        try FileManager.default.createDirectory(at: folder.appending(path: "home"), withIntermediateDirectories: true)
        try "<html><head><title>Patients</title></head><body><h1>Patients</h1><p><a href=\"next.html\">next</a></p></body></html>\n"
            .write(to: folder.appending(path: "page.html"), atomically: true, encoding: .utf8)
    }

    /// w3m on the page, with the kiosk's configuration (deploy/w3m) when `locked`.
    func w3m(locked: Bool) throws -> Tmux {
        let options = locked
            ? "-config '\(W3MLockdownTests.folder.appending(path: "config").path)' -o keymap_file='\(W3MLockdownTests.keymap)'"
            : ""
        return try browser("w3m \(options) page.html")
    }

    /// lynx on the page, as the kiosk's documentation runs it when `locked`.
    func lynx(locked: Bool) throws -> Tmux {
        let options = locked ? "-cfg='\(LynxLockdownTests.configuration)' -restrictions=all" : ""
        return try browser("lynx \(options) -accept_all_cookies page.html")
    }

    /// Whether the marker appears within five seconds.
    func waitForMarker() -> Bool {
        let deadline = Date().addingTimeInterval(5)
        while !FileManager.default.fileExists(atPath: marker), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return FileManager.default.fileExists(atPath: marker)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    private func browser(_ command: String) throws -> Tmux {
        try Tmux(command: "cd '\(folder.path)' && exec env HOME='\(folder.path)/home' TERM=xterm SHELL=/bin/sh \(command)")
    }
}
