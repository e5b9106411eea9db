import Foundation
import KioskProcessTestSupport
import TerminalTestSupport
import Testing

/// The w3m configuration cmc-kiosk ships for a clinician's session (`deploy/w3m/`): checked
/// against the installed w3m's default keys, and pressed, key by key, in a real w3m in tmux.
@Suite("w3m without a way out", .serialized)
struct W3MLockdownTests {
    static let folder = Package.root.appending(path: "deploy/w3m")
    static let keymap = folder.appending(path: "keymap").path
    static let defaultKeymap = "/usr/share/doc/w3m/keymap.default"

    /// What a key may do in the session: read the portal.
    static let reading: Set = [
        "BACK", "BEGIN", "CENTER_H", "CENTER_V", "CURSOR_TOP", "CURSOR_MIDDLE", "CURSOR_BOTTOM", "DOWN", "END", "EXIT",
        "FRAME", "GOTO_LINE", "GOTO_LINK", "INFO", "ISEARCH", "ISEARCH_BACK", "LEFT", "LINE_BEGIN", "LINE_END",
        "LINE_INFO", "LINK_BEGIN", "LINK_END", "LIST", "MARK", "MOVE_DOWN", "MOVE_DOWN1", "MOVE_LEFT", "MOVE_LEFT1",
        "MOVE_RIGHT", "MOVE_RIGHT1", "MOVE_UP", "MOVE_UP1", "NEXT_DOWN", "NEXT_HALF_PAGE", "NEXT_LEFT", "NEXT_LEFT_UP",
        "NEXT_LINK", "NEXT_MARK", "NEXT_PAGE", "NEXT_RIGHT", "NEXT_RIGHT_DOWN", "NEXT_UP", "NEXT_VISITED", "NEXT_WORD",
        "PEEK", "PEEK_IMG", "PEEK_LINK", "PREV_HALF_PAGE", "PREV_LINK", "PREV_MARK", "PREV_PAGE", "PREV_VISITED",
        "PREV_WORD", "QUIT", "REDO", "REDRAW", "REG_MARK", "RELOAD", "RESHAPE", "RIGHT", "SEARCH", "SEARCH_BACK",
        "SEARCH_FORE", "SEARCH_NEXT", "SEARCH_PREV", "SHIFT_LEFT", "SHIFT_RIGHT", "SUBMIT", "UNDO", "UP", "VERSION",
        "WRAP_TOGGLE",
    ]

    /// What no key may do: run or reach anything but the portal's pages.
    static let escapes: Set = [
        "SHELL", "PIPE_SHELL", "READ_SHELL", "EXEC_SHELL", "PIPE_BUF", "EDIT", "EDIT_SCREEN", "EXTERN", "EXTERN_LINK",
        "GOTO", "GOTO_RELATIVE", "GOTO_HOME", "TAB_GOTO", "TAB_GOTO_RELATIVE", "LOAD", "SAVE", "SAVE_IMAGE", "SAVE_LINK",
        "SAVE_SCREEN", "PRINT", "DOWNLOAD", "DOWNLOAD_LIST", "OPTIONS", "SET_OPTION", "DEFINE_KEY", "COMMAND", "SETENV",
        "REINIT", "MENU", "MAIN_MENU", "MENU_MOUSE", "SELECT_MENU", "TAB_MENU", "LIST_MENU", "MOVE_LIST_MENU",
        "SUSPEND", "INTERRUPT", "DICT_WORD", "DICT_WORD_AT", "BOOKMARK", "ADD_BOOKMARK", "VIEW_BOOKMARK", "HISTORY",
        "COOKIE", "VIEW_IMAGE", "MARK_URL", "MARK_WORD", "MARK_MID", "HELP", "MOUSE_TOGGLE", "NEW_TAB", "TAB_LINK",
        "CLOSE_TAB", "NEXT_TAB", "PREV_TAB", "VIEW", "SOURCE", "ALARM", "SELECT",
    ]

    @Test("every key the installed w3m binds to anything but reading is bound to NULL, and nothing else is bound")
    func keymapCoversTheInstalledW3M() throws {
        let defaults = try W3MKeymap(contentsOf: Self.defaultKeymap)
        let kiosk = try W3MKeymap(contentsOf: Self.keymap)
        try #require(defaults.bindings.count > 100, "w3m's default keymap is read")
        for (key, function) in defaults.bindings {
            #expect(Self.reading.contains(function) || Self.escapes.contains(function),
                    "\(key) → \(function) is new to this test: decide whether it reads or escapes")
            if Self.escapes.contains(function) {
                #expect(kiosk.function(of: key) == "NULL", "\(key) (\(function)) is bound to NULL")
            }
        }
        for (key, function) in kiosk.bindings {
            #expect(function == "NULL", "the kiosk's keymap only takes keys away: \(key) → \(function)")
        }
    }

    @Test("pressed in a real w3m, no key opens a prompt, and the shell keys run nothing")
    func noKeyEscapes() throws {
        let page = try BrowserPage()
        defer { page.remove() }
        let w3m = try page.w3m(locked: true)
        defer { w3m.kill() }
        let baseline = w3m.wait(for: "Viewing").split(separator: "\n").last.map(String.init) ?? ""
        try #require(baseline.contains("Viewing"), "w3m shows the page")
        let keys = try W3MKeymap(contentsOf: Self.defaultKeymap).bindings.filter { Self.escapes.contains($0.function) }
        for (key, function) in keys {
            guard let arguments = W3MKeymap.tmuxArguments(for: key) else { continue }
            try w3m.send(arguments)
            Thread.sleep(forTimeInterval: 0.15)
            let lastLine = w3m.capture().split(separator: "\n", omittingEmptySubsequences: false).last { !$0.isEmpty }
            #expect(lastLine.map(String.init) == baseline, "\(key) (\(function)) changed nothing: \(lastLine ?? "")")
        }
        for key in ["!", "#", "@", "|"] {
            try w3m.send(["-l", key])
            try w3m.send(["-l", "touch \(page.marker)"])
            try w3m.send(["Enter"])
        }
        Thread.sleep(forTimeInterval: 0.5)
        #expect(!FileManager.default.fileExists(atPath: page.marker), "no shell ran")
        #expect(w3m.panePID().map { kill($0, 0) == 0 } == true, "w3m is still showing the page")
    }

    @Test("the control: w3m's own keys give a shell, which the test sees")
    func defaultKeysEscape() throws {
        let page = try BrowserPage()
        defer { page.remove() }
        let w3m = try page.w3m(locked: false)
        defer { w3m.kill() }
        try #require(w3m.wait(for: "Viewing").contains("Viewing"))
        try w3m.send(["-l", "!"])
        #expect(w3m.wait(for: "(exec shell)").contains("(exec shell)"), "\(w3m.capture())")
        try w3m.send(["-l", "touch \(page.marker)"])
        try w3m.send(["Enter"])
        #expect(page.waitForMarker(), "the shell ran")
    }
}
