import FoundationEssentials

/// The colours and attributes of every screen element, read from a theme file such as
/// `Themes/nhs.toml`, for 256-colour, 8-colour and monochrome terminals.
public struct Theme: Equatable, Sendable {
    /// The theme's display name.
    public var name: String
    private var styles: [ThemeElement: ElementStyle]

    init(name: String, styles: [ThemeElement: ElementStyle]) {
        self.name = name
        self.styles = styles
    }

    /// How to draw `element` on a terminal that has `colourSupport`. Colours left at `default`
    /// take the page's. In monochrome only the attributes remain, and banners and the selection
    /// are always reversed so they stand out.
    public func style(for element: ThemeElement, colourSupport: ColourSupport) -> ThemeStyle {
        let style = styles[element] ?? ElementStyle()
        let page = styles[.page] ?? ElementStyle()
        func onPage(_ colour: TerminalColour, _ pageColour: TerminalColour) -> TerminalColour {
            colour == .terminalDefault ? pageColour : colour
        }
        switch colourSupport {
        case .full256:
            return ThemeStyle(
                foreground: onPage(style.foreground, page.foreground), background: onPage(style.background, page.background),
                attributes: style.attributes)
        case .eight:
            return ThemeStyle(
                foreground: onPage(style.foreground8, page.foreground8), background: onPage(style.background8, page.background8),
                attributes: style.attributes)
        case .monochrome:
            var attributes = style.attributes
            if element.mustStandOut && attributes.isDisjoint(with: [.reverse, .standout]) {
                attributes.insert(.reverse)
            }
            return ThemeStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: attributes)
        }
    }
}

/// One element's table in a theme file, with its 8-colour fallbacks resolved.
struct ElementStyle: Equatable, Sendable {
    var foreground = TerminalColour.terminalDefault
    var background = TerminalColour.terminalDefault
    var foreground8 = TerminalColour.terminalDefault
    var background8 = TerminalColour.terminalDefault
    var attributes: Set<TextAttribute> = []
}
