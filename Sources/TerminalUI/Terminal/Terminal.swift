import CNcursesw
import CShims
import Glibc

/// Why the terminal could not be opened.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// `TERM` names a terminal this system has no description for (or is not set).
    case unknownTerminal(String?)

    public var description: String {
        switch self {
        case .unknownTerminal(let name?):
            "Unknown terminal type \"\(name)\": set TERM to one this system knows (for example xterm-256color or linux)."
        case .unknownTerminal(nil):
            "TERM is not set: set it to this terminal's type (for example xterm-256color or linux)."
        }
    }
}

/// The curses terminal: the one place that sees `SCREEN` and `WINDOW`. Every method runs on
/// the UI thread, except ``restoreProcessTerminal()``.
final class Terminal {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    let depth: ColorDepth
    private var pairs: [ColorKey: Int16] = [:]
    private var cursorShown: Bool?

    private struct ColorKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    /// Opens the terminal named by `environment["TERM"]` on standard input and output: raw
    /// mode (Ctrl-C, Ctrl-Z and Ctrl-\ arrive as keys), no echo, keypad keys decoded, a 25 ms
    /// Esc delay, the cursor hidden, and colour unless the terminal has none or `NO_COLOR` is set.
    init(environment: [String: String]) throws(TerminalError) {
        _ = cmc_curses_setlocale()
        let type = environment["TERM"].flatMap { $0.isEmpty ? nil : $0 }
        guard let type, let screen = cmc_curses_newterm(type) else { throw .unknownTerminal(type) }
        self.screen = screen
        window = cmc_curses_stdscr()
        raw()
        noecho()
        nonl()
        keypad(window, true)
        Keypad.defineSequences()
        Keypad.enterApplicationMode()
        nodelay(window, true)
        set_escdelay(25)
        scrollok(window, false)
        leaveok(window, false)
        let colorAllowed = ColorDepth.colorAllowed(environment: environment) && has_colors()
        if colorAllowed {
            start_color()
            use_default_colors()
        }
        depth = ColorDepth(colors: colorAllowed ? Int(cmc_curses_colors()) : 0, colorAllowed: colorAllowed)
        showCursor(false)
    }

    var size: TerminalSize {
        TerminalSize(columns: Int(getmaxx(window)), rows: Int(getmaxy(window)))
    }

    /// Whether the terminal has been given back (by ``restore()`` or a signal handler).
    var isRestored: Bool { cmc_curses_restored() != 0 }

    /// The next key waiting, or nil when none is.
    func nextKey() -> RawKey?? {
        var character: wint_t = 0
        let status = wget_wch(window, &character)
        guard status != ERR else { return nil }
        return .some(RawKey(isKeyCode: status == KEY_CODE_YES, value: UInt32(character)))
    }

    /// Draws `frame` with `styles` on the page's colours, sending only what changed to the terminal.
    func draw(_ frame: Frame, styles: StyleSheet) {
        paintPage(styles.style(for: .page, depth: depth))
        werase(window)
        for placed in frame.texts {
            var style = styles.style(for: placed.element, depth: depth)
            if placed.emphasised { style.attributes.insert(.bold) }
            apply(style)
            var wide = placed.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
            wide.append(0)
            _ = mvwaddwstr(window, Int32(placed.row), Int32(placed.column), wide)
        }
        apply(ScreenStyle())
        if let cursor = frame.cursor {
            wmove(window, Int32(cursor.row), Int32(cursor.column))
            showCursor(true)
        } else {
            showCursor(false)
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// Sounds the terminal's bell (or flashes the screen where it has none), with the next draw.
    func ringBell() {
        beep()
    }

    /// Has the next draw clear the terminal and paint every cell, whatever curses believes it shows.
    func repaintAll() {
        clearok(window, true)
    }

    /// Takes the terminal's true size if curses missed a resize (a SIGWINCH lost in a storm of
    /// them); true if the size changed.
    func followTerminalSize() -> Bool {
        cmc_curses_follow_terminal_size() != 0
    }

    /// Leaves curses mode for a while, the terminal as it was before.
    func suspend() {
        endwin()
        cmc_curses_leave_keypad_mode()
    }

    /// Re-enters curses mode after ``suspend()`` and repaints the whole screen at the next draw.
    func resume() {
        cmc_curses_enter_keypad_mode()
        clearok(window, true)
        wrefresh(window)
    }

    /// Gives the terminal back (idempotent) and frees curses' screen.
    func close() {
        Self.restoreProcessTerminal()
        delscreen(screen)
    }

    /// Ends curses mode for the process, once; safe from signal and exit handlers.
    static func restoreProcessTerminal() {
        cmc_curses_restore()
    }

    /// Gives every cell the page's colours wherever nothing else is drawn: the window's
    /// background, which erasing fills the screen with and which blanks written in the default
    /// colours take. The page's attributes are not used.
    private func paintPage(_ style: ScreenStyle) {
        guard depth != .monochrome else { return }
        let pair = colorPair(ColorKey(foreground: colorIndex(style.foreground), background: colorIndex(style.background)))
        wbkgdset(window, chtype(UInt8(ascii: " ")) | chtype(cmc_curses_color_pair(Int32(pair))))
    }

    private func showCursor(_ shown: Bool) {
        guard cursorShown != shown else { return }
        cursorShown = shown
        curs_set(shown ? 1 : 0)
    }

    private func apply(_ style: ScreenStyle) {
        let attributes = style.attributes
        var bits = cmc_curses_attributes(
            attributes.contains(.bold) ? 1 : 0, attributes.contains(.reverse) ? 1 : 0,
            attributes.contains(.underline) ? 1 : 0, attributes.contains(.dim) ? 1 : 0,
            attributes.contains(.standout) ? 1 : 0
        )
        var pair: Int16 = 0
        if depth != .monochrome {
            pair = colorPair(ColorKey(foreground: colorIndex(style.foreground), background: colorIndex(style.background)))
            bits |= cmc_curses_color_pair(Int32(pair))
        }
        wattr_set(window, bits, pair, nil)
    }

    private func colorIndex(_ color: TerminalColor) -> Int16 {
        guard case .index(let index) = color, index >= 0, index < Int(cmc_curses_colors()) else { return -1 }
        return Int16(index)
    }

    /// The colour pair for `key`, made on first use; pair 0 (the default) when pairs run out.
    private func colorPair(_ key: ColorKey) -> Int16 {
        if key.foreground == -1, key.background == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        let pair = Int16(pairs.count + 1)
        guard Int32(pair) < cmc_curses_color_pairs(), init_pair(pair, key.foreground, key.background) != ERR else { return 0 }
        pairs[key] = pair
        return pair
    }
}
