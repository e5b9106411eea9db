/// A key that an action can be bound to, as the terminal layer decodes key presses.
///
/// Written in the configuration as `F1`…`F12`, `Enter`, `Esc`, `Tab`, `Ctrl-A`…`Ctrl-Z` (letters
/// only, and not C, Z, H, I, J or M), or one printable character such as `q`. `description` gives
/// the canonical spelling, for key hints.
public enum KeySpec: Hashable, Sendable, CustomStringConvertible {
    /// F1 to F12.
    case function(Int)
    case enter
    case escape
    case tab
    /// Ctrl with an upper-case letter A–Z.
    case control(Character)
    /// One printable character, as typed (case matters).
    case character(Character)

    public var description: String {
        switch self {
        case .function(let number): "F\(number)"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .control(let letter): "Ctrl-\(letter)"
        case .character(let character): String(character)
        }
    }

    /// Whether typing it would also be text (a passcode or a role filter).
    var isPrintable: Bool {
        if case .character = self { return true }
        return false
    }

    /// Parses a key as written in the configuration; the error is the reason in plain words.
    public init(parsing text: String) throws(KeySpecError) {
        let lowered = text.lowercased()
        switch lowered {
        case "enter", "return": self = .enter
        case "esc", "escape": self = .escape
        case "tab": self = .tab
        default:
            if let key = try Self.control(lowered) ?? Self.function(lowered) {
                self = key
            } else if text.count == 1, let character = text.first, Self.isPrintable(character) {
                self = .character(character)
            } else {
                throw KeySpecError(
                    "\"\(text)\" is not a key; use F1–F12, Enter, Esc, Tab, Ctrl-A–Ctrl-Z or one printable character")
            }
        }
    }

    private static func function(_ lowered: String) -> KeySpec? {
        guard lowered.hasPrefix("f"), let number = Int(lowered.dropFirst()), (1...12).contains(number),
              !lowered.dropFirst().hasPrefix("0") else { return nil }
        return .function(number)
    }

    private static func control(_ lowered: String) throws(KeySpecError) -> KeySpec? {
        guard let rest = ["ctrl-", "ctrl+"].first(where: lowered.hasPrefix).map({ lowered.dropFirst($0.count) }) else {
            return nil
        }
        switch rest {
        case "c", "z", "\\":
            throw KeySpecError("Ctrl-C, Ctrl-Z and Ctrl-\\ do nothing in the kiosk and cannot be bound")
        case "h": throw KeySpecError("Ctrl-H is Backspace on many terminals; choose another key")
        case "i": throw KeySpecError("Ctrl-I is the same as Tab on a terminal; write Tab")
        case "j", "m": throw KeySpecError("Ctrl-\(rest.uppercased()) is the same as Enter on a terminal; write Enter")
        default:
            guard rest.count == 1, let letter = rest.first, ("a"..."z").contains(letter) else {
                throw KeySpecError("only Ctrl with a letter (Ctrl-A–Ctrl-Z) can be bound")
            }
            return .control(Character(letter.uppercased()))
        }
    }

    private static func isPrintable(_ character: Character) -> Bool {
        !character.isWhitespace && character.unicodeScalars.allSatisfy {
            $0.properties.generalCategory != .control && $0.properties.generalCategory != .format
        }
    }
}

/// Why a key spec was refused, in plain words.
public struct KeySpecError: Error, Equatable {
    public var message: String

    init(_ message: String) {
        self.message = message
    }
}
