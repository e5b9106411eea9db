import Testing
@testable import TerminalUI

@Suite struct DisplayTextTests {
    @Test func asciiWidth() {
        #expect(DisplayText.width("Insert") == 6)
    }
}
