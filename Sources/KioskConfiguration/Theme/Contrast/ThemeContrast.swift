/// Whether a theme's text can be read: every element's colours meet WCAG 2.1 AA contrast in 256
/// colours on xterm, and in the 8-colour fallback on xterm and on the Linux console.
///
/// Bold and underlined text are measured in the colours those terminals show them in (see
/// ``TerminalPalette``); the hint line's key names are bold. Bold headings need 3:1,
/// other text 4.5:1. An element in the terminal's own colours, fore and back, is the terminal's
/// business; one of the theme's colours against one of the terminal's cannot be measured, nor
/// can dim text, and both are refused.
enum ThemeContrast {
    /// A colour depth, as one terminal shows it.
    struct Viewing: Sendable {
        var colourSupport: ColourSupport
        var palette: TerminalPalette

        /// "in 8 colours on the Linux console".
        var description: String {
            "in \(colourSupport == .full256 ? "256" : "8") colours on \(palette.name)"
        }
    }

    /// Where themes are measured. The Linux console (`TERM=linux`) has 8 colours only.
    static let viewings = [
        Viewing(colourSupport: .full256, palette: .xterm),
        Viewing(colourSupport: .eight, palette: .xterm),
        Viewing(colourSupport: .eight, palette: .linuxConsole),
    ]

    /// The contrast `element` needs in `style`.
    static func minimum(for element: ThemeElement, _ style: ThemeStyle) -> ContrastRatio {
        element.isHeading && style.attributes.contains(.bold) ? .minimumForHeadings : .minimumForText
    }

    /// The lowest contrast of `element`'s text in `style` as `palette` shows it, bold or not;
    /// nil when a colour is the terminal's own or beyond the palette.
    static func lowestRatio(of element: ThemeElement, _ style: ThemeStyle, in palette: TerminalPalette) -> ContrastRatio? {
        guard let foreground = style.foreground.paletteIndex, let background = style.background.paletteIndex else { return nil }
        let reversed = !style.attributes.isDisjoint(with: [.reverse, .standout, .blink])
        let bold = style.attributes.contains(.bold)
        let weights = element.emphasisesSomeText && !bold ? [false, true] : [bold]
        var lowest: ContrastRatio?
        for bold in weights {
            guard let shown = palette.shownColours(
                foreground: foreground, background: background, bold: bold,
                underlined: style.attributes.contains(.underline), reversed: reversed) else { return nil }
            let ratio = ContrastRatio(between: shown.foreground, and: shown.background)
            lowest = min(lowest ?? ratio, ratio)
        }
        return lowest
    }

    /// Why `element` cannot be read in `style` in `viewing`, in words; nil when it can.
    static func shortfall(of element: ThemeElement, _ style: ThemeStyle, in viewing: Viewing) -> String? {
        let eight = viewing.colourSupport == .eight
        let (fgKey, bgKey) = eight ? ("fg8", "bg8") : ("fg", "bg")
        switch (style.foreground.paletteIndex, style.background.paletteIndex) {
        case (nil, nil):
            return nil
        case (let foreground?, nil):
            return "\(fgKey) is \(name(foreground)) but \(bgKey) is the terminal's own colour, which may be anything: "
                + "set \(bgKey)\(element == .page ? "" : ", or the [page] colours")"
        case (nil, let background?):
            return "\(bgKey) is \(name(background)) but \(fgKey) is the terminal's own colour, which may be anything: "
                + "set \(fgKey)\(element == .page ? "" : ", or the [page] colours")"
        case (let foreground?, let background?):
            if style.attributes.contains(.dim) {
                return "dim text on colours: how faint is up to the terminal, so its contrast cannot be vouched for"
            }
            guard let ratio = lowestRatio(of: element, style, in: viewing.palette) else {
                return "\(name(foreground)) on \(name(background)) is beyond the palette \(viewing.description)"
            }
            let needed = minimum(for: element, style)
            guard ratio < needed else { return nil }
            let weight = style.attributes.contains(.bold) ? "bold " : (element.emphasisesSomeText ? "partly bold " : "")
            let underlineColour = style.attributes.contains(.underline) ? viewing.palette.underlineColour : nil
            let underline = underlineColour.map { " (underlined: shown in \(name($0)))" } ?? ""
            return "\(weight)\(name(foreground)) on \(name(background))\(underline) has a contrast of \(ratio) "
                + "\(viewing.description); WCAG 2.1 AA needs \(needed)\(eight ? ": set fg8 and bg8" : "")"
        }
    }

    /// "black" for the basic colours, the number for the others.
    private static func name(_ index: Int) -> String {
        ThemeColour.names.indices.contains(index) ? ThemeColour.names[index] : "\(index)"
    }
}
