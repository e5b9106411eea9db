/// A terminal colour: the terminal's own default, or a curses colour index (0–7 on 8-colour
/// terminals, 0–255 on 256-colour ones).
public enum TerminalColor: Hashable, Sendable {
    case terminalDefault
    case index(Int)
}

/// Attributes a style may switch on.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let reverse = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let dim = TextAttributes(rawValue: 1 << 3)
    public static let standout = TextAttributes(rawValue: 1 << 4)
}

/// How one element looks on one kind of terminal.
public struct ScreenStyle: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes

    public init(
        foreground: TerminalColor = .terminalDefault, background: TerminalColor = .terminalDefault,
        attributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// Attributes only: what a monochrome terminal (or `NO_COLOR`) gets.
    public static func monochrome(_ attributes: TextAttributes) -> ScreenStyle {
        ScreenStyle(attributes: attributes)
    }
}

/// What a terminal can show.
public enum ColorDepth: Sendable, CaseIterable {
    case monochrome, eightColors, colors256

    /// The depth for a terminal reporting `colors` colours, or monochrome when colour is off.
    public init(colors: Int, colorAllowed: Bool) {
        switch colors {
        case _ where !colorAllowed: self = .monochrome
        case 256...: self = .colors256
        case 8...: self = .eightColors
        default: self = .monochrome
        }
    }

    /// Whether `NO_COLOR` (any non-empty value) asks for no colour.
    public static func colorAllowed(environment: [String: String]) -> Bool {
        environment["NO_COLOR"].map(\.isEmpty) ?? true
    }
}

/// An element's style for each kind of terminal.
public struct StyleVariants: Hashable, Sendable {
    public var colors256: ScreenStyle
    public var eightColors: ScreenStyle
    public var monochrome: ScreenStyle

    public init(colors256: ScreenStyle, eightColors: ScreenStyle, monochrome: ScreenStyle) {
        self.colors256 = colors256
        self.eightColors = eightColors
        self.monochrome = monochrome
    }

    /// The same attributes everywhere, in the terminal's default colours.
    public static func plain(_ attributes: TextAttributes = []) -> StyleVariants {
        let style = ScreenStyle(attributes: attributes)
        return StyleVariants(colors256: style, eightColors: style, monochrome: style)
    }

    public func style(for depth: ColorDepth) -> ScreenStyle {
        switch depth {
        case .colors256: colors256
        case .eightColors: eightColors
        case .monochrome: monochrome
        }
    }
}
