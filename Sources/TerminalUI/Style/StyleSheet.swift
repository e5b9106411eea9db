import KioskCore

/// The parts of a screen that have a style of their own.
public enum StyleElement: Hashable, Sendable {
    /// The full-width environment band.
    case banner(KioskEnvironment)
    case title, text, hint, error, warning, selection, input, clock, readerStatus, frame
    /// Every cell's colours before anything is drawn on it: the whole screen takes them.
    case page
}

/// Every element's style; the app maps its theme onto this. Elements not set are drawn plain.
public struct StyleSheet: Hashable, Sendable {
    public var styles: [StyleElement: StyleVariants]

    public init(_ styles: [StyleElement: StyleVariants] = [:]) {
        self.styles = styles
    }

    public subscript(element: StyleElement) -> StyleVariants {
        get { styles[element] ?? .plain() }
        set { styles[element] = newValue }
    }

    public func style(for element: StyleElement, depth: ColorDepth) -> ScreenStyle {
        self[element].style(for: depth)
    }
}

extension StyleSheet {
    /// The built-in look: NHS blue, with an environment band nobody can mistake (LIVE blue, TEST
    /// amber, TRAINING green, DEMO purple; reverse video on monochrome terminals).
    public static let nhs: StyleSheet = {
        // xterm-256 indexes: 25 ≈ NHS Blue #005EB8, 17 dark blue, 214 amber, 28 green, 91 purple,
        // 160 red, 231 white, 16 black, 250 grey.
        func colors(
            _ fg256: Int?, _ bg256: Int?, _ fg8: Int?, _ bg8: Int?, _ attributes: TextAttributes = [],
            mono: TextAttributes? = nil
        ) -> StyleVariants {
            func color(_ index: Int?) -> TerminalColor { index.map(TerminalColor.index) ?? .terminalDefault }
            return StyleVariants(
                colors256: ScreenStyle(foreground: color(fg256), background: color(bg256), attributes: attributes),
                eightColors: ScreenStyle(foreground: color(fg8), background: color(bg8), attributes: attributes),
                monochrome: .monochrome(mono ?? attributes)
            )
        }
        let band: TextAttributes = [.reverse, .bold]
        return StyleSheet([
            .banner(.live): colors(231, 25, 7, 4, .bold, mono: band),
            .banner(.test): colors(16, 214, 0, 3, .bold, mono: band),
            .banner(.training): colors(231, 28, 0, 2, .bold, mono: band),
            .banner(.demo): colors(231, 91, 7, 5, .bold, mono: band),
            .title: colors(25, nil, 4, nil, .bold, mono: .bold),
            .text: .plain(),
            .hint: colors(250, 17, 7, 4, [], mono: .reverse),
            .error: colors(160, nil, 1, nil, .bold, mono: .bold),
            .warning: colors(214, nil, 3, nil, .bold, mono: .underline),
            .selection: colors(231, 25, 7, 4, .bold, mono: .reverse),
            .input: colors(nil, nil, nil, nil, .underline),
            .clock: colors(25, nil, 4, nil, .bold, mono: .bold),
            .readerStatus: colors(nil, nil, nil, nil, [], mono: []),
            .frame: colors(25, nil, 4, nil, [], mono: []),
        ])
    }()
}
