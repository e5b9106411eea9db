import Testing
@testable import TerminalUI

@Suite struct StyleTests {
    @Test(arguments: [
        (256, true, ColorDepth.colors256), (88, true, .eightColors), (16, true, .eightColors),
        (8, true, .eightColors), (2, true, .monochrome), (0, true, .monochrome), (256, false, .monochrome),
    ])
    func depthFollowsTheTerminal(colors: Int, allowed: Bool, depth: ColorDepth) {
        #expect(ColorDepth(colors: colors, colorAllowed: allowed) == depth)
    }

    @Test func anyNonEmptyNoColorTurnsColourOff() {
        #expect(!ColorDepth.colorAllowed(environment: ["NO_COLOR": "1"]))
        #expect(!ColorDepth.colorAllowed(environment: ["NO_COLOR": "no"]))
        #expect(ColorDepth.colorAllowed(environment: ["NO_COLOR": ""]))
        #expect(ColorDepth.colorAllowed(environment: [:]))
    }

    @Test func anElementNotSetIsPlainAndCanBeSet() {
        var sheet = StyleSheet()
        #expect(sheet.style(for: .title, depth: .colors256) == ScreenStyle())
        sheet[.title] = .plain(.underline)
        #expect(sheet.style(for: .title, depth: .monochrome).attributes == .underline)
    }
}
