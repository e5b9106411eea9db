/// The colours a terminal shows for palette indices, and how bold and underlined text change them.
struct TerminalPalette: Sendable {
    /// How bold text changes colour: both terminals here show the basic colours 0–7 of bold
    /// text as their bright counterparts 8–15.
    enum BoldColours: Sendable {
        /// The foreground index is brightened before reverse video swaps the two (xterm's
        /// `boldColors`, on by default).
        case brightenForegroundIndex
        /// Whichever colour is shown in front is brightened, after reverse video (the Linux
        /// console's intensity bit).
        case brightenShownForeground
    }

    /// The terminal, as messages name it: "xterm", "the Linux console".
    let name: String
    let boldColours: BoldColours
    /// The colour underlined text is shown in instead of its own, if the terminal does that
    /// rather than draw a line (the Linux console's underline colour, cyan by default).
    let underlineColour: Int?
    private let entries: [SRGBColour]

    /// The colour of palette entry `index`; nil where the terminal has none.
    func colour(_ index: Int) -> SRGBColour? {
        entries.indices.contains(index) ? entries[index] : nil
    }

    /// The colours a cell shows, foreground first, for its palette indices and attributes; nil
    /// when either index is beyond the palette.
    func shownColours(
        foreground: Int, background: Int, bold: Bool, underlined: Bool, reversed: Bool
    ) -> (foreground: SRGBColour, background: SRGBColour)? {
        func brightened(_ index: Int) -> Int { bold && (0..<8).contains(index) ? index + 8 : index }
        var (front, back) = (underlined ? underlineColour ?? foreground : foreground, background)
        switch boldColours {
        case .brightenForegroundIndex:
            front = brightened(front)
            if reversed { swap(&front, &back) }
        case .brightenShownForeground:
            if reversed { swap(&front, &back) }
            front = brightened(front)
        }
        guard let shownFront = colour(front), let shownBack = colour(back) else { return nil }
        return (shownFront, shownBack)
    }

    /// xterm's standard 256 colours: its 16 system colours (XTerm-col.ad), the 6×6×6 colour cube
    /// and the 24-step grey ramp (256colres.h).
    static let xterm: TerminalPalette = {
        let system: [UInt32] = [
            0x000000, 0xCD0000, 0x00CD00, 0xCDCD00, 0x0000EE, 0xCD00CD, 0x00CDCD, 0xE5E5E5,
            0x7F7F7F, 0xFF0000, 0x00FF00, 0xFFFF00, 0x5C5CFF, 0xFF00FF, 0x00FFFF, 0xFFFFFF,
        ]
        let levels: [UInt8] = [0x00, 0x5F, 0x87, 0xAF, 0xD7, 0xFF]
        let cube = (0..<216).map { SRGBColour(red: levels[$0 / 36], green: levels[$0 / 6 % 6], blue: levels[$0 % 6]) }
        let greys = (0..<24).map { SRGBColour(grey: UInt8(8 + 10 * $0)) }
        return TerminalPalette(
            name: "xterm", boldColours: .brightenForegroundIndex, underlineColour: nil, entries: system.map(SRGBColour.init(hex:)) + cube + greys)
    }()

    /// The Linux console's 16 colours as the kernel sets them by default (`default_red`,
    /// `default_grn` and `default_blu` in drivers/tty/vt/vt.c), where underlined text is shown
    /// in cyan (`default_underline_color`).
    static let linuxConsole = TerminalPalette(
        name: "the Linux console", boldColours: .brightenShownForeground, underlineColour: 6,
        entries: [
            0x000000, 0xAA0000, 0x00AA00, 0xAA5500, 0x0000AA, 0xAA00AA, 0x00AAAA, 0xAAAAAA,
            0x555555, 0xFF5555, 0x55FF55, 0xFFFF55, 0x5555FF, 0xFF55FF, 0x55FFFF, 0xFFFFFF,
        ].map(SRGBColour.init(hex:)))
}
