import Foundation
import KioskProcessTestSupport
import Testing

/// What a whole, correctly drawn screen of the kiosk looks like in a tmux pane.
enum ScreenChecks {
    /// The pane is `columns`×`rows` as the kiosk draws it at that size (banner on the first line,
    /// the rule under the status line as wide as the terminal, the key hints on the last), and
    /// shows `text`.
    /// The pane once it is whole at `columns` (banner first, rule third) and shows `text`, or as
    /// it is after `seconds`.
    static func waitForWhole(_ kiosk: KioskUnderTest, columns: Int, showing text: String, seconds: Double = 10) -> String {
        kiosk.tmux.wait(seconds: seconds) { pane in
            let lines = pane.split(separator: "\n", omittingEmptySubsequences: false)
            return pane.contains(text) && lines.count > 2 && lines[0].contains("Coordinate My Care")
                && lines[2] == String(repeating: "─", count: columns)
        }
    }

    static func expectWhole(_ pane: String, columns: Int, rows: Int, showing text: String) {
        let lines = pane.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(pane.contains(text), "\(text): \(pane)")
        #expect(lines.count >= rows, "\(rows) rows: \(pane)")
        let banner = lines.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        #expect(banner.hasPrefix("TEST") && banner.hasSuffix("TEST") && banner.contains("Coordinate My Care"),
                "the banner across the top: \(pane)")
        #expect(lines.count > 2 && lines[2] == String(repeating: "─", count: columns), "the rule \(columns) wide: \(pane)")
        for line in lines {
            #expect(line.count <= columns, "no line wider than the terminal: \(line)")
        }
    }
}
