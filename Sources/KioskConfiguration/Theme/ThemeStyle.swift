/// What a terminal can show.
public enum ColourSupport: Sendable {
    /// 256 colours.
    case full256
    /// The 8 basic colours.
    case eight
    /// No colour: attributes only.
    case monochrome
}

/// A colour as the terminal numbers it.
public enum TerminalColour: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// One of the 256 palette entries; 0–7 are the basic colours.
    case indexed(UInt8)

    /// The palette number for curses (`init_pair`), or nil for the terminal's default (-1).
    public var paletteIndex: Int? {
        switch self {
        case .terminalDefault: nil
        case .indexed(let index): Int(index)
        }
    }
}

/// A text attribute.
public enum TextAttribute: String, CaseIterable, Sendable {
    case bold
    case reverse
    case underline
    case dim
    case blink
    case standout
}

/// How one element is drawn on a terminal of a given colour support.
public struct ThemeStyle: Equatable, Sendable {
    public var foreground: TerminalColour
    public var background: TerminalColour
    public var attributes: Set<TextAttribute>

    public init(foreground: TerminalColour, background: TerminalColour, attributes: Set<TextAttribute>) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}
