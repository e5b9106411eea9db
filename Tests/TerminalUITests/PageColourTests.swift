import TerminalTestSupport
import Testing

/// The theme's page covers the whole screen, not only the cells behind text: the lock screen in
/// a real terminal, every cell's background read back from tmux. The terminal descriptions have
/// no back-colour erase, so curses writes every cell and tmux's capture holds its colour.
@Suite struct PageColourTests {
    @Test(arguments: [
        // The NHS theme's pale grey (255), and white on 8 colours.
        ("TERM=tmux-256color", "test", "48;5;255"), ("TERM=screen", "test", "47"),
        // The training theme's cream (230), and black on 8 colours.
        ("TERM=tmux-256color", "training", "48;5;230"), ("TERM=screen", "training", "40"),
    ])
    func thePageColourCoversEveryCellBetweenTheBannerAndTheHints(environment: String, kiosk: String, page: String) throws {
        let tmux = try Tmux(environment: environment, gallery: "locked --environment \(kiosk)")
        defer { tmux.kill() }
        tmux.wait(for: "Insert your NHS smartcard")
        let rows = CellBackgrounds(capture: tmux.capture(escapes: true, trailingSpaces: true)).rows
        #expect(rows.count >= 24)
        // Rows 1 to 22: the clock and reader, the rules and the page; 0 is the banner, 23 the hints.
        for (number, row) in rows.enumerated() where (1...22).contains(number) {
            #expect(row.count == 80, "row \(number) has \(row.count) cells")
            let other = row.enumerated().first { $0.element != page }
            #expect(other == nil, "row \(number), column \(other?.offset ?? 0): background \(other?.element ?? "") instead of \(page)")
        }
    }

    @Test func theBackgroundsOfAPaneAreReadFromItsEscapes() {
        let capture = "\u{1B}[1m\u{1B}[38;5;16m\u{1B}[48;5;214mab\u{1B}[0mc\n\u{1B}[47md\u{1B}[38;2;1;2;3me\u{1B}[49mf"
        #expect(CellBackgrounds(capture: capture).rows == [["48;5;214", "48;5;214", ""], ["47", "47", ""]])
    }
}
