import Foundation
@testable import KioskConfiguration
import Testing

/// Every text and background pair of every shipped theme meets WCAG 2.1 AA, computed here from
/// the theme files; a theme that falls short is refused, naming the element.
@Suite struct ThemeContrastTests {
    static let shippedThemes = ["nhs", "high-contrast", "mono", "training"]

    /// Where each colour depth is seen: 256 colours on xterm, 8 on xterm and on the Linux console.
    static let terminals: [(ColourSupport, TerminalPalette)] = [(.full256, .xterm), (.eight, .xterm), (.eight, .linuxConsole)]

    @Test("every pair of a shipped theme meets WCAG 2.1 AA", arguments: shippedThemes)
    func shippedThemesMeetAA(name: String) throws {
        let theme = try Theme.load(nameOrPath: name, themesDirectory: ThemeTests.themesDirectory)
        for element in ThemeElement.allCases {
            for (support, palette) in Self.terminals {
                let style = theme.style(for: element, colourSupport: support)
                guard let foreground = style.foreground.paletteIndex, let background = style.background.paletteIndex else {
                    // Only the terminal's own colours, fore and back together, are left unmeasured.
                    #expect(style.foreground == style.background, "\(name) [\(element.rawValue)] \(support)")
                    continue
                }
                let bold = style.attributes.contains(.bold)
                // The hint line's key names are bold whatever the element says.
                for drawnBold in Set([bold, bold || element == .hint]) {
                    let shown = try #require(palette.shownColours(
                        foreground: foreground, background: background, bold: drawnBold,
                        underlined: style.attributes.contains(.underline), reversed: style.attributes.contains(.reverse)))
                    let ratio = ContrastRatio(between: shown.foreground, and: shown.background)
                    let minimum = bold && [.title, .bannerLive, .bannerTest, .bannerTraining, .bannerDemo].contains(element) ? 3.0 : 4.5
                    #expect(ratio.value >= minimum, "\(name) [\(element.rawValue)] \(ratio) in \(support) on \(palette.name)")
                }
            }
        }
    }

    @Test("a theme short of AA is refused, naming the element", arguments: [
        ("[title]\nfg = 250\nbg = 255\nfg8 = \"black\"\nbg8 = \"white\"\n", "Themes/broken.toml:6: [title]: 250 on 255 has a contrast of 1.63:1 in 256 colours on xterm; WCAG 2.1 AA needs 4.50:1"),
        // The issue's orange on white.
        ("[title]\nfg = 214\nbg = 231\nfg8 = \"black\"\nbg8 = \"white\"\nattributes = [\"bold\"]\n",
         "Themes/broken.toml:6: [title]: bold 214 on 231 has a contrast of 1.84:1 in 256 colours on xterm; WCAG 2.1 AA needs 3.00:1"),
        // The Linux console's yellow is brown; its white a mid grey.
        ("[title]\nfg = 16\nbg = 231\nfg8 = \"black\"\nbg8 = \"yellow\"\n",
         "Themes/broken.toml:6: [title]: black on yellow has a contrast of 4.00:1 in 8 colours on the Linux console; WCAG 2.1 AA needs 4.50:1: set fg8 and bg8"),
        // Bold black shows dark grey: the issue's grey headings.
        ("[title]\nfg = 16\nbg = 231\nfg8 = \"black\"\nbg8 = \"cyan\"\nattributes = [\"bold\"]\n",
         "Themes/broken.toml:6: [title]: bold black on cyan has a contrast of 2.02:1 in 8 colours on xterm; WCAG 2.1 AA needs 3.00:1: set fg8 and bg8"),
        ("[title]\nfg = 16\nbg = 231\nfg8 = \"black\"\nbg8 = \"white\"\nattributes = [\"underline\"]\n",
         "Themes/broken.toml:6: [title]: black on white (underlined: shown in cyan) has a contrast of 1.23:1 in 8 colours on the Linux console; WCAG 2.1 AA needs 4.50:1: set fg8 and bg8"),
        ("[title]\nfg = 16\nbg = 231\nattributes = [\"dim\"]\n",
         "Themes/broken.toml:6: [title]: dim text on colours: how faint is up to the terminal, so its contrast cannot be vouched for"),
        // The key names are bold: bright blue on white.
        ("[hint]\nfg = \"blue\"\nbg = \"white\"\n",
         "Themes/broken.toml:6: [hint]: partly bold blue on white has a contrast of 3.76:1 in 256 colours on xterm; WCAG 2.1 AA needs 4.50:1"),
    ])
    func lowContrastIsRefused(table: String, message: String) throws {
        let others = ThemeElement.allCases.filter { !table.hasPrefix("[\($0.rawValue)]") }
        let text = others.prefix(5).map { "[\($0.rawValue)]\n" }.joined() + table
            + others.dropFirst(5).map { "[\($0.rawValue)]\n" }.joined()
        do {
            _ = try Theme.parse(text, name: "broken", file: "Themes/broken.toml")
            Issue.record("loaded a theme short of AA")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("one of the theme's colours against the terminal's own is refused", arguments: [
        ("[page]\nfg = 16\n",
         "Themes/broken.toml:15: [page]: fg is 16 but bg is the terminal's own colour, which may be anything: set bg"),
        ("[page]\nbg8 = \"white\"\n",
         "Themes/broken.toml:15: [page]: bg8 is white but fg8 is the terminal's own colour, which may be anything: set fg8"),
        ("[page]\n[text]\nfg = 16\n",
         "Themes/broken.toml:15: [text]: fg is 16 but bg is the terminal's own colour, which may be anything: set bg, or the [page] colours"),
    ])
    func halfTheTerminalsOwnIsRefused(tables: String, message: String) throws {
        let text = ThemeElement.allCases.filter { !tables.contains("[\($0.rawValue)]") }.map { "[\($0.rawValue)]\n" }.joined() + tables
        do {
            _ = try Theme.parse(text, name: "broken", file: "Themes/broken.toml")
            Issue.record("loaded a theme whose text depends on the terminal's colours")
        } catch {
            #expect(error.description == message)
        }
    }
}
