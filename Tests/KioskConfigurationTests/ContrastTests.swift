@testable import KioskConfiguration
import Testing

/// WCAG 2.1 luminance and contrast, and the palettes of the terminals themes are measured on.
@Suite struct ContrastTests {
    @Test func luminanceRunsFromBlackToWhite() {
        #expect(SRGBColour(hex: 0x000000).relativeLuminance == 0)
        #expect(SRGBColour(hex: 0xFFFFFF).relativeLuminance == 1)
        // WCAG's channel weights: green counts most, blue least.
        #expect(abs(SRGBColour(hex: 0xFF0000).relativeLuminance - 0.2126) < 1e-9)
        #expect(abs(SRGBColour(hex: 0x00FF00).relativeLuminance - 0.7152) < 1e-9)
        #expect(abs(SRGBColour(hex: 0x0000FF).relativeLuminance - 0.0722) < 1e-9)
        // Below 0.03928 a channel is linear: 10/255 / 12.92.
        #expect(abs(SRGBColour(grey: 10).relativeLuminance - 10.0 / 255 / 12.92) < 1e-12)
    }

    @Test("known contrast ratios", arguments: [
        (0x000000, 0xFFFFFF, "21.00:1"), (0xFFFFFF, 0x000000, "21.00:1"), (0x777777, 0x777777, "1.00:1"),
        // The grey at the edge of AA on white, and NHS Blue on white.
        (0x777777, 0xFFFFFF, "4.47:1"), (0x767676, 0xFFFFFF, "4.54:1"), (0x005EB8, 0xFFFFFF, "6.37:1"),
    ])
    func knownRatios(first: UInt32, second: UInt32, ratio: String) {
        #expect(ContrastRatio(between: SRGBColour(hex: first), and: SRGBColour(hex: second)).description == ratio)
    }

    @Test func aRatioJustShortOfAMinimumNeverShowsAsIt() {
        let ratio = ContrastRatio(between: SRGBColour(hex: 0x777777), and: SRGBColour(hex: 0xFFFFFF))
        #expect(ratio < .minimumForText && ratio > .minimumForHeadings)
        #expect(ratio.description == "4.47:1")
        #expect(ContrastRatio.minimumForText.description == "4.50:1")
    }

    @Test("xterm's 256 colours", arguments: [
        (0, 0x000000), (1, 0xCD0000), (3, 0xCDCD00), (4, 0x0000EE), (7, 0xE5E5E5), (8, 0x7F7F7F), (12, 0x5C5CFF),
        (15, 0xFFFFFF), (16, 0x000000), (21, 0x0000FF), (25, 0x005FAF), (130, 0xAF5F00), (196, 0xFF0000),
        (214, 0xFFAF00), (231, 0xFFFFFF), (232, 0x080808), (255, 0xEEEEEE),
    ])
    func xtermPalette(index: Int, hex: UInt32) {
        #expect(TerminalPalette.xterm.colour(index) == SRGBColour(hex: hex))
    }

    @Test("the Linux console's 16 colours", arguments: [
        (0, 0x000000), (1, 0xAA0000), (3, 0xAA5500), (6, 0x00AAAA), (7, 0xAAAAAA), (8, 0x555555), (11, 0xFFFF55),
        (15, 0xFFFFFF),
    ])
    func linuxConsolePalette(index: Int, hex: UInt32) {
        #expect(TerminalPalette.linuxConsole.colour(index) == SRGBColour(hex: hex))
    }

    @Test func palettesEndWhereTheTerminalsDo() {
        #expect(TerminalPalette.xterm.colour(256) == nil)
        #expect(TerminalPalette.linuxConsole.colour(16) == nil)
        #expect(TerminalPalette.linuxConsole.shownColours(foreground: 25, background: 0, bold: false, underlined: false, reversed: false) == nil)
    }

    @Test func boldShowsTheBasicColoursBright() {
        for palette in [TerminalPalette.xterm, .linuxConsole] {
            let black = palette.shownColours(foreground: 0, background: 7, bold: true, underlined: false, reversed: false)
            #expect(black?.foreground == palette.colour(8) && black?.background == palette.colour(7))
        }
        // Beyond the basic colours, bold changes nothing.
        let cubeBlack = TerminalPalette.xterm.shownColours(foreground: 16, background: 255, bold: true, underlined: false, reversed: false)
        #expect(cubeBlack?.foreground == SRGBColour(hex: 0x000000))
    }

    @Test func boldWithReverseVideoBrightensADifferentColourOnEachTerminal() {
        // xterm brightens the foreground index, then swaps: the bright colour is behind.
        let xterm = TerminalPalette.xterm.shownColours(foreground: 4, background: 7, bold: true, underlined: false, reversed: true)
        #expect(xterm?.foreground == SRGBColour(hex: 0xE5E5E5) && xterm?.background == SRGBColour(hex: 0x5C5CFF))
        // The console swaps, then brightens what is in front.
        let console = TerminalPalette.linuxConsole.shownColours(foreground: 4, background: 7, bold: true, underlined: false, reversed: true)
        #expect(console?.foreground == SRGBColour(hex: 0xFFFFFF) && console?.background == SRGBColour(hex: 0x0000AA))
    }

    @Test func theLinuxConsoleShowsUnderlinedTextInCyan() {
        let console = TerminalPalette.linuxConsole.shownColours(foreground: 0, background: 7, bold: false, underlined: true, reversed: false)
        #expect(console?.foreground == SRGBColour(hex: 0x00AAAA))
        let xterm = TerminalPalette.xterm.shownColours(foreground: 0, background: 7, bold: false, underlined: true, reversed: false)
        #expect(xterm?.foreground == SRGBColour(hex: 0x000000))
    }
}
