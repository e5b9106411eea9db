import KioskConfiguration
import KioskCore
import TerminalUI

extension StyleSheet {
    /// The terminal's styles from a theme file, for each colour depth.
    public init(theme: Theme) {
        var sheet = StyleSheet()
        for element in ThemeElement.allCases {
            sheet[Self.element(element)] = StyleVariants(
                colors256: Self.style(theme.style(for: element, colourSupport: .full256)),
                eightColors: Self.style(theme.style(for: element, colourSupport: .eight)),
                monochrome: Self.style(theme.style(for: element, colourSupport: .monochrome)))
        }
        self = sheet
    }

    private static func element(_ element: ThemeElement) -> StyleElement {
        switch element {
        case .bannerLive: .banner(.live)
        case .bannerTest: .banner(.test)
        case .bannerTraining: .banner(.training)
        case .bannerDemo: .banner(.demo)
        case .title: .title
        case .text: .text
        case .hint: .hint
        case .error: .error
        case .warning: .warning
        case .selection: .selection
        case .input: .input
        case .clock: .clock
        case .readerStatus: .readerStatus
        case .frame: .frame
        case .page: .page
        }
    }

    private static func style(_ style: ThemeStyle) -> ScreenStyle {
        ScreenStyle(
            foreground: color(style.foreground), background: color(style.background),
            attributes: attributes(style.attributes))
    }

    private static func color(_ colour: TerminalColour) -> TerminalColor {
        colour.paletteIndex.map(TerminalColor.index) ?? .terminalDefault
    }

    private static func attributes(_ attributes: Set<TextAttribute>) -> TextAttributes {
        attributes.reduce(into: TextAttributes()) { result, attribute in
            switch attribute {
            case .bold: result.insert(.bold)
            case .reverse: result.insert(.reverse)
            case .underline: result.insert(.underline)
            case .dim: result.insert(.dim)
            case .standout, .blink: result.insert(.standout)
            }
        }
    }
}
