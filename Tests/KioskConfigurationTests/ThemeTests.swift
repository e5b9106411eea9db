import Foundation
@testable import KioskConfiguration
import KioskCore
import Testing

@Suite struct ThemeTests {
    static let themesDirectory = URL(filePath: #filePath).deletingLastPathComponent()
        .appending(path: "../../Themes").standardized

    /// A complete theme with every element plain, with `extra` appended.
    static func themeText(_ extra: String = "", skipping skipped: ThemeElement? = nil) -> String {
        ThemeElement.allCases.filter { $0 != skipped }.map { "[\($0.rawValue)]\n" }.joined() + extra
    }

    private func themeError(_ text: String) throws -> String? {
        let directory = try temporaryDirectory()
        let path = directory.appending(path: "broken.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try Theme.load(nameOrPath: path, themesDirectory: directory)
            return nil
        } catch {
            return error.description.replacingOccurrences(of: directory.path + "/", with: "Themes/")
        }
    }

    @Test("every shipped theme loads by name", arguments: ["nhs", "high-contrast", "mono", "training"])
    func shippedThemesLoad(name: String) throws {
        let theme = try Theme.load(nameOrPath: name, themesDirectory: Self.themesDirectory)
        #expect(!theme.name.isEmpty)
        for element in ThemeElement.allCases {
            for support in [ColourSupport.full256, .eight, .monochrome] {
                let style = theme.style(for: element, colourSupport: support)
                if support == .eight {
                    #expect((style.foreground.paletteIndex ?? 0) < 8 && (style.background.paletteIndex ?? 0) < 8)
                }
                if style.foreground != .terminalDefault {
                    #expect(style.foreground != style.background, "\(name) \(element) \(support)")
                }
            }
        }
    }

    @Test func theShippedThemesAreAllThereAreAndAllTested() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDirectory.path).sorted()
        #expect(files == ["high-contrast.toml", "mono.toml", "nhs.toml", "training.toml"])
    }

    @Test func nhsLooksUpEachColourSupport() throws {
        let nhs = try Theme.load(nameOrPath: "nhs", themesDirectory: Self.themesDirectory)
        #expect(nhs.name == "NHS")
        #expect(nhs.style(for: .bannerLive, colourSupport: .full256)
            == ThemeStyle(foreground: .indexed(231), background: .indexed(25), attributes: [.bold]))
        #expect(nhs.style(for: .bannerLive, colourSupport: .eight)
            == ThemeStyle(foreground: .indexed(7), background: .indexed(4), attributes: [.bold]))
        #expect(nhs.style(for: .bannerLive, colourSupport: .monochrome)
            == ThemeStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: [.bold, .reverse]))
        #expect(nhs.style(for: .input, colourSupport: .monochrome).attributes == [.underline])
        #expect(nhs.style(for: .text, colourSupport: .monochrome).attributes.isEmpty)
    }

    @Test func bannersAndTheSelectionStandOutInMonochrome() throws {
        for name in ["nhs", "high-contrast", "mono", "training"] {
            let theme = try Theme.load(nameOrPath: name, themesDirectory: Self.themesDirectory)
            for element in [ThemeElement.bannerLive, .bannerTest, .bannerTraining, .bannerDemo, .selection] {
                #expect(theme.style(for: element, colourSupport: .monochrome).attributes.contains(.reverse))
            }
        }
        let plain = try Theme.read(TOMLParser.parse(Self.themeText()), fallbackName: "plain")
        #expect(plain.style(for: .bannerDemo, colourSupport: .monochrome).attributes == [.reverse])
        #expect(plain.style(for: .title, colourSupport: .monochrome).attributes == [])
        #expect(plain.name == "plain")
    }

    @Test func trainingLooksDifferentFromNHS() throws {
        let nhs = try Theme.load(nameOrPath: "nhs", themesDirectory: Self.themesDirectory)
        let training = try Theme.load(nameOrPath: "training", themesDirectory: Self.themesDirectory)
        for support in [ColourSupport.full256, .eight] {
            #expect(nhs.style(for: .frame, colourSupport: support) != training.style(for: .frame, colourSupport: support))
            #expect(nhs.style(for: .hint, colourSupport: support) != training.style(for: .hint, colourSupport: support))
        }
        #expect(training.style(for: .bannerTraining, colourSupport: .eight)
            == ThemeStyle(foreground: .indexed(3), background: .indexed(1), attributes: [.bold]))
    }

    @Test("every environment's banner has colours of its own", arguments: ["nhs", "high-contrast", "training"])
    func everyEnvironmentHasItsOwnBannerInColour(name: String) throws {
        let theme = try Theme.load(nameOrPath: name, themesDirectory: Self.themesDirectory)
        for support in [ColourSupport.full256, .eight] {
            let banners = KioskEnvironment.allCases.map { theme.style(for: .banner(for: $0), colourSupport: support) }
            #expect(banners.indices.allSatisfy { !banners[..<$0].contains(banners[$0]) }, "\(name) \(support)")
        }
    }

    @Test func everyEnvironmentHasItsBanner() {
        #expect(KioskEnvironment.allCases.map(ThemeElement.banner(for:))
            == [.bannerLive, .bannerTest, .bannerTraining, .bannerDemo])
    }

    @Test("8-colour fallbacks are derived from 256-colour indices", arguments: [
        (UInt8(3), UInt8(3)), (9, 1), (15, 7), (16, 0), (25, 4), (160, 1), (214, 3), (37, 6), (231, 7), (232, 0), (255, 7),
    ])
    func derivedFallbacks(index: UInt8, basic: UInt8) {
        #expect(ThemeColour.eightColour(.indexed(index)) == .indexed(basic))
    }

    @Test func aThemeByPath() throws {
        let directory = try temporaryDirectory()
        let path = directory.appending(path: "trust.toml").path
        // The last table is [page]: every element takes its colours.
        try (#"name = "Trust""# + "\n" + Self.themeText("fg = \"white\"\nbg = \"blue\"\n"))
            .write(toFile: path, atomically: true, encoding: .utf8)
        let theme = try Theme.load(nameOrPath: path, themesDirectory: Self.themesDirectory)
        #expect(theme.name == "Trust")
        #expect(theme.style(for: .frame, colourSupport: .full256).foreground == .indexed(7))
    }

    @Test func anUnknownThemeNameListsTheThemesThereAre() {
        do {
            _ = try Theme.load(nameOrPath: "purple", themesDirectory: Self.themesDirectory)
            Issue.record("loaded a theme that does not exist")
        } catch {
            #expect(error.description == """
                \(Self.themesDirectory.path)/purple.toml: no theme named "purple" (available: high-contrast, mono, nhs, training)
                """)
        }
        #expect(throws: ConfigurationError.self) { try Theme.load(nameOrPath: "my theme", themesDirectory: Self.themesDirectory) }
        #expect(throws: ConfigurationError.self) { try Theme.load(nameOrPath: "/nonexistent/x.toml", themesDirectory: Self.themesDirectory) }
    }

    @Test("broken themes give file:line: key: problem", arguments: [
        ("[title]\nfg = \"purpel\"\n", "Themes/broken.toml:7: title.fg: \"purpel\" is not a colour; use black, red, green, yellow, blue, magenta, cyan, white, default or 0–255"),
        ("[title]\nbg = 256\n", "Themes/broken.toml:7: title.bg: 256 is not a colour index; use 0–255"),
        ("[title]\nfg = true\n", "Themes/broken.toml:7: title.fg: expected a colour (black, red, green, yellow, blue, magenta, cyan, white, default or 0–255), found true or false"),
        ("[title]\nfg8 = 200\n", "Themes/broken.toml:7: title.fg8: expected a colour (black, red, green, yellow, blue, magenta, cyan, white or default), found an integer"),
        ("[title]\nattributes = [\"italic\"]\n", "Themes/broken.toml:7: title.attributes: \"italic\" is not an attribute; use bold, reverse, underline, dim, blink or standout"),
        ("[title]\natributes = []\n", "Themes/broken.toml:7: title.atributes: unknown key (did you mean title.attributes?)"),
        ("[title]\ncolour = \"red\"\n", "Themes/broken.toml:7: title.colour: unknown key"),
        ("[title]\nfg = 25\nbg = 25\n", "Themes/broken.toml:8: title.bg: is the same colour as fg: the text would be invisible"),
        ("[title]\nfg = 24\nbg = 25\n", "Themes/broken.toml:8: title.bg8: on 8-colour terminals fg and bg would both be blue; set fg8 and bg8"),
        ("[titel]\n", "Themes/broken.toml:6: [titel]: unknown table (did you mean [title]?)"),
        ("[title]\nfg = purple\n", "Themes/broken.toml:7:6: \"purple\" is not a value (strings must be quoted)"),
    ])
    func brokenThemes(body: String, message: String) throws {
        // Five plain elements first, so the broken lines are 6 onwards.
        let first = Array(ThemeElement.allCases.prefix(5))
        let rest = ThemeElement.allCases.dropFirst(5).filter { $0 != .title }
        let text = first.filter { $0 != .title }.map { "[\($0.rawValue)]\n" }.joined() + "\n" + body
            + rest.map { "[\($0.rawValue)]\n" }.joined()
        #expect(try themeError(text) == message)
    }

    @Test func aThemeMustStyleEveryElement() throws {
        #expect(try themeError(Self.themeText(skipping: .hint))
            == "Themes/broken.toml: [hint]: missing: a theme styles every element")
    }

    @Test func withoutAPageThePageTakesTheTextsColours() throws {
        let text = Self.themeText(skipping: .page).replacingOccurrences(of: "[text]\n", with: "[text]\nfg = 231\nbg = 16\nattributes = [\"bold\"]\n")
        let theme = try Theme.read(TOMLParser.parse(text), fallbackName: "dark")
        #expect(theme.style(for: .page, colourSupport: .full256)
            == ThemeStyle(foreground: .indexed(231), background: .indexed(16), attributes: []))
        #expect(theme.style(for: .page, colourSupport: .eight)
            == ThemeStyle(foreground: .indexed(7), background: .indexed(0), attributes: []))
        #expect(theme.style(for: .hint, colourSupport: .full256).background == .indexed(16))
    }

    @Test func anElementsDefaultColoursAreThePages() throws {
        let text = Self.themeText("fg = 231\nbg = 16\nfg8 = \"white\"\nbg8 = \"black\"\n")
            .replacingOccurrences(of: "[title]\n", with: "[title]\nfg = 214\nfg8 = \"default\"\n")
        let theme = try Theme.read(TOMLParser.parse(text), fallbackName: "dark")
        #expect(theme.style(for: .title, colourSupport: .full256)
            == ThemeStyle(foreground: .indexed(214), background: .indexed(16), attributes: []))
        #expect(theme.style(for: .title, colourSupport: .eight) == theme.style(for: .page, colourSupport: .eight))
        #expect(theme.style(for: .title, colourSupport: .monochrome).background == .terminalDefault)
    }

    @Test func thePageTakesColoursOnly() throws {
        #expect(try themeError(Self.themeText("attributes = [\"bold\"]\n"))
            == "Themes/broken.toml:16: page.attributes: the page takes colours only: fg, bg, fg8 and bg8")
    }
}
