import CNcursesw

/// A key press as the terminal reports it, before the app decides what it means.
public enum RawKey: Hashable, Sendable {
    case character(Character)
    case enter, escape, backspace, tab
    case up, down, left, right, pageUp, pageDown, home, end, insert, delete
    /// F1 to F63.
    case function(Int)
    /// A control key: Ctrl-C is `control("c")`, Ctrl-\ is `control("\\")`.
    case control(Character)
    /// The terminal changed size.
    case resize

    /// Decodes one `get_wch` result: `isKeyCode` when it returned KEY_CODE_YES (then `value` is
    /// a KEY_ constant), otherwise `value` is a character. The keypad's digits are digits
    /// (``Keypad``). Nil for keys the kiosk has no use for.
    public init?(isKeyCode: Bool, value: UInt32) {
        if isKeyCode {
            if let digit = Keypad.digit(forKeyCode: Int32(bitPattern: value)) {
                self = .character(digit)
                return
            }
            guard let key = Self.keyCodes[Int32(bitPattern: value)] ?? Self.functionKey(value) else { return nil }
            self = key
        } else {
            guard let key = Self.character(value) else { return nil }
            self = key
        }
    }

    /// A short name for hints ("F10", "Enter", "Ctrl-C").
    public var name: String {
        switch self {
        case .character(" "): "Space"
        case .character(let character): String(character).uppercased()
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .tab: "Tab"
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .insert: "Insert"
        case .delete: "Delete"
        case .function(let number): "F\(number)"
        case .control(let character): "Ctrl-\(String(character).uppercased())"
        case .resize: "Resize"
        }
    }

    private static let keyCodes: [Int32: RawKey] = [
        KEY_ENTER: .enter, KEY_BACKSPACE: .backspace, KEY_UP: .up, KEY_DOWN: .down, KEY_LEFT: .left,
        KEY_RIGHT: .right, KEY_PPAGE: .pageUp, KEY_NPAGE: .pageDown, KEY_HOME: .home, KEY_END: .end,
        KEY_IC: .insert, KEY_DC: .delete, KEY_RESIZE: .resize,
    ]

    private static func functionKey(_ value: UInt32) -> RawKey? {
        let number = Int(value) - Int(KEY_F0)
        return (1...63).contains(number) ? .function(number) : nil
    }

    private static func character(_ value: UInt32) -> RawKey? {
        switch value {
        case 0x0A, 0x0D: return .enter
        case 0x1B: return .escape
        case 0x08, 0x7F: return .backspace
        case 0x09: return .tab
        case 0x00: return .control("@")
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(value + 0x60)!))
        case 0x1C...0x1F: return .control(Character(Unicode.Scalar(value + 0x40)!))
        case 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
