import Testing
@testable import TerminalUI

@Suite struct DisplayTextTests {
    @Test(arguments: [
        ("Insert", 6), ("Dr Siân Llewelyn-Jones", 22), ("李小龍", 6), ("😀", 2),
        ("e\u{301}", 1), ("Sia\u{302}n", 4), ("", 0), ("a\u{200D}b", 2),
    ])
    func widthCountsColumns(text: String, columns: Int) {
        #expect(DisplayText.width(text) == columns)
    }

    @Test func textThatFitsIsNotCut() {
        #expect(DisplayText.truncated("Dr Siân Llewelyn-Jones", toWidth: 22) == "Dr Siân Llewelyn-Jones")
    }

    @Test func cutTextEndsWithAnEllipsisAndFits() {
        let cut = DisplayText.truncated("Dr Siân Llewelyn-Jones", toWidth: 10)
        #expect(cut == "Dr Siân L…")
        #expect(DisplayText.width(cut) == 10)
    }

    @Test func wideCharactersAreNeverSplit() {
        // 李小龍李 is 8 columns: at 6 the third one would need columns 5 and 6 plus the ellipsis.
        #expect(DisplayText.truncated("李小龍李", toWidth: 6) == "李小…")
        #expect(DisplayText.width(DisplayText.truncated("李小龍李", toWidth: 6)) == 5)
        #expect(DisplayText.truncated("😀😀😀", toWidth: 4) == "😀…")
    }

    @Test func combiningMarksStayWithTheirLetter() {
        let cut = DisplayText.truncated("Sia\u{302}n Llewelyn", toWidth: 4)
        #expect(cut == "Sia\u{302}…")
        #expect(cut.unicodeScalars.contains("\u{302}"))
    }

    @Test func zeroOrNegativeWidthGivesNothing() {
        #expect(DisplayText.truncated("abc", toWidth: 0) == "")
        #expect(DisplayText.truncated("abc", toWidth: -3) == "")
        #expect(DisplayText.truncated("abcdef", toWidth: 1) == "…")
    }

    @Test func paddingFillsToTheWidth() {
        #expect(DisplayText.padded("李", toWidth: 5) == "李   ")
        #expect(DisplayText.width(DisplayText.padded("a long role name", toWidth: 8)) == 8)
    }

    @Test(arguments: [
        ("\u{1B}[2J\u{1B}]0;owned\u{07}", " [2J ]0;owned "),
        ("tab\there\nnew line\r", "tab here new line "),
        ("C1\u{85}\u{9B}31m", "C1  31m"),
        ("\u{202E}evil\u{202C}", "\u{FFFD}evil\u{FFFD}"),
        ("unassigned \u{378}", "unassigned \u{FFFD}"),
        ("Dr Siân Llewelyn-Jones", "Dr Siân Llewelyn-Jones"),
        ("李小龍 😀 e\u{301}", "李小龍 😀 e\u{301}"),
    ])
    func sanitisingRemovesWhatCouldDriveTheTerminal(text: String, expected: String) {
        #expect(DisplayText.sanitized(text) == expected)
    }

    @Test func invalidUTF8ArrivesAsReplacementCharacters() {
        let text = String(decoding: [0x44, 0x72, 0xFF, 0xC3, 0x28, 0x1B] as [UInt8], as: UTF8.self)
        let clean = DisplayText.sanitized(text)
        #expect(clean == "Dr\u{FFFD}\u{FFFD}( ")
        #expect(!clean.unicodeScalars.contains { $0.properties.generalCategory == .control })
    }

    @Test func wrappingBreaksAtSpacesAndCutsLongWords() {
        #expect(DisplayText.wrapped("To register it, contact the CMC helpdesk", toWidth: 16)
            == ["To register it,", "contact the CMC", "helpdesk"])
        #expect(DisplayText.wrapped("Llewelyn-Jones-Pritchard", toWidth: 8) == ["Llewely…"])
        #expect(DisplayText.wrapped("", toWidth: 8) == [""])
    }
}
