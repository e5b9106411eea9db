/// Reading colours from theme files, and their 8-colour approximations.
enum ThemeColour {
    /// The basic colour names, in palette order (black = 0 … white = 7).
    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// A colour name, `default`, or (when `allowsIndex`) a palette index 0–255.
    static func read(_ field: Field, allowsIndex: Bool) throws(Problem) -> TerminalColour {
        let choices = allowsIndex
            ? "black, red, green, yellow, blue, magenta, cyan, white, default or 0–255"
            : "black, red, green, yellow, blue, magenta, cyan, white or default"
        switch field.value {
        case .string(let name):
            if name == "default" { return .terminalDefault }
            guard let index = names.firstIndex(of: name) else {
                throw field.problem("\"\(name)\" is not a colour; use \(choices)")
            }
            return .indexed(UInt8(index))
        case .integer(let index) where allowsIndex:
            guard let index = UInt8(exactly: index) else {
                throw field.problem("\(index) is not a colour index; use 0–255")
            }
            return .indexed(index)
        default:
            throw field.problem("expected a colour (\(choices)), found \(field.value.kindDescription)")
        }
    }

    /// The basic colour nearest a palette entry: bright colours to their plain ones, and the
    /// colour cube and greys by halving each channel of their xterm RGB value.
    static func eightColour(_ colour: TerminalColour) -> TerminalColour {
        guard case .indexed(let index) = colour else { return colour }
        switch index {
        case 0...7: return colour
        case 8...15: return .indexed(index - 8)
        case 16...231:
            let cube = Int(index) - 16
            let levels = [0, 95, 135, 175, 215, 255]
            return basic(red: levels[cube / 36], green: levels[cube / 6 % 6], blue: levels[cube % 6])
        default:
            let grey = 8 + 10 * (Int(index) - 232)
            return basic(red: grey, green: grey, blue: grey)
        }
    }

    private static func basic(red: Int, green: Int, blue: Int) -> TerminalColour {
        let index = (red >= 128 ? 1 : 0) | (green >= 128 ? 2 : 0) | (blue >= 128 ? 4 : 0)
        return .indexed(UInt8(index))
    }
}
