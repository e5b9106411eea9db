import CNcursesw
import CShims

/// The numeric keypad's digits and Enter, taken as digits and Enter whatever Num Lock says,
/// wherever the terminal sends something of the keypad's own (docs/accessibility.md has what
/// xterm, tmux and the Linux console send).
///
/// In application keypad mode (terminfo's `smkx`, which `keypad()` sends; for the Linux console,
/// whose terminfo has none, ESC = from ``enterApplicationMode()``) tmux and the Linux console send
/// the digits as ESC O p … ESC O y, which ncurses is taught with `define_key`. Terminfo's
/// keypad keys (ka1, ka3, kb2, kc1, kc3: the corners and the centre, KEY_A1 … KEY_C3) are
/// digits too, for terminals that send them otherwise (the Linux console's KP5 is `kb2`).
enum Keypad {
    /// The key codes given to ESC O p … ESC O y that terminfo leaves unnamed: past KEY_MAX,
    /// where ncurses has none of its own. The digit is the code's offset.
    static let firstDigitCode = Int32(KEY_MAX) + 1

    /// The keypad keys terminfo names, as the digits they carry.
    static let namedKeys: [Int32: Character] = [
        KEY_A1: "7", KEY_A3: "9", KEY_B2: "5", KEY_C1: "1", KEY_C3: "3",
    ]

    /// The digit a key code stands for, if it is one of the keypad's.
    static func digit(forKeyCode code: Int32) -> Character? {
        if let digit = namedKeys[code] { return digit }
        let offset = code - firstDigitCode
        guard (0...9).contains(offset) else { return nil }
        return Character(String(offset))
    }

    /// The application-mode sequence of each digit, ESC O p for 0 to ESC O y for 9.
    static let digitSequences: [String] = (0...9).map { "\u{1B}O" + String(UnicodeScalar(UInt8(ascii: "p") + UInt8($0))) }

    /// The keypad's Enter in application mode.
    static let enterSequence = "\u{1B}OM"

    /// Binds the ten sequences to the kiosk's digit codes, in place of whatever terminfo binds
    /// them to (KEY_C1 for ESC O q, or the extended names xterm's entry gives the others, `kc2`,
    /// `kpZRO`, whose codes ncurses hands out at run time), and ESC O M to Enter where nothing
    /// is bound to it. On the UI thread, after `keypad()`.
    static func defineSequences() {
        for (digit, sequence) in digitSequences.enumerated() {
            _ = define_key(sequence, firstDigitCode + Int32(digit))
        }
        if key_defined(enterSequence) == 0 { _ = define_key(enterSequence, KEY_ENTER) }
    }

    /// Puts the Linux console in application keypad mode, which its terminfo cannot; true if it
    /// did. Other terminals get the mode from `keypad()`.
    @discardableResult
    static func enterApplicationMode() -> Bool {
        cmc_curses_force_keypad_mode() != 0
    }
}
