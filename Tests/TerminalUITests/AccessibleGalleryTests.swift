import Foundation
import Glibc
import TerminalTestSupport
import Testing

/// Accessible mode in a real terminal: where tmux has the cursor on every screen of the
/// gallery, and that nothing reaches the terminal while nothing changes.
@Suite(.serialized) struct AccessibleGalleryTests {
    /// The screens with no field: the cursor starts the state's sentence, at column 1 of row 3.
    static let sentenceScreens = [
        "locked", "no-reader", "reading", "verifying", "contacting-spine", "opening-session", "signed-in",
        "idle-warning", "logging-out", "remove-card", "unregistered", "service-unavailable",
    ]

    @Test(arguments: sentenceScreens)
    func theCursorStartsTheSentence(screen: String) throws {
        let tmux = try Tmux(gallery: "\(screen) --accessible")
        defer { tmux.kill() }
        let pane = tmux.wait { $0.contains("Coordinate My Care") && $0.split(separator: "\n").count > 4 }
        let cursor = try #require(tmux.cursor())
        #expect(cursor.visible, "\(screen): the cursor shows")
        #expect(cursor.column == 1 && cursor.row == 3, "\(screen): \(cursor)\n\(pane)")
        // The sentence, wrapped where it is wider than the screen, runs to the first blank line.
        let sentence = pane.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3)
            .prefix { !$0.isEmpty }.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(sentence.hasSuffix(".") && sentence.filter { $0 == "." }.count == 1, "\(screen): one sentence: \(sentence)")
    }

    @Test(arguments: ["passcode", "passcode-wrong", "passcode-last-try"])
    func onThePasscodeScreensTheCursorIsOnTheField(screen: String) throws {
        let tmux = try Tmux(gallery: "\(screen) --accessible")
        defer { tmux.kill() }
        let pane = tmux.wait(for: "Passcode")
        let cursor = try #require(tmux.cursor())
        let lines = pane.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The field's blanks end the line, and tmux's capture drops them: the field starts one
        // cell after "Passcode".
        let row = try #require(lines.firstIndex { $0.contains("Passcode") && !$0.contains("passcode") })
        let column = try #require(lines[row].range(of: "Passcode")).upperBound.utf16Offset(in: lines[row]) + 1
        #expect(cursor.visible)
        #expect(cursor.row == row && cursor.column == column, "\(cursor) \(row) \(column)\n\(pane)")
    }

    @Test(arguments: ["roles", "roles-filter"])
    func onTheRoleListTheCursorIsOnTheHighlightedRole(screen: String) throws {
        let tmux = try Tmux(gallery: "\(screen) --accessible")
        defer { tmux.kill() }
        let pane = tmux.wait(for: "> ")
        let cursor = try #require(tmux.cursor())
        let lines = pane.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(cursor.visible)
        #expect(lines[cursor.row].dropFirst(cursor.column).hasPrefix("> "), "\(cursor)\n\(pane)")
    }

    @Test func nothingIsSentWhileNothingChanges() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("a11y-idle-\(UUID().uuidString)").path
        defer { unlink(output) }
        let tmux = try Tmux(gallery: "reading --accessible")
        defer { tmux.kill() }
        tmux.wait(for: "Reading your smartcard")
        Thread.sleep(forTimeInterval: 1)
        try tmux.recordOutput(to: output)
        Thread.sleep(forTimeInterval: 4)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        #expect(bytes == 0, "\(bytes) bytes in 4 s on an idle accessible screen")
    }

    @Test func withoutAccessibleModeTheClockAndSpinnerDraw() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("a11y-busy-\(UUID().uuidString)").path
        defer { unlink(output) }
        let tmux = try Tmux(gallery: "reading")
        defer { tmux.kill() }
        tmux.wait(for: "Reading your smartcard")
        try tmux.recordOutput(to: output)
        Thread.sleep(forTimeInterval: 2.5)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        #expect(bytes > 0, "the control: the same screen without accessible mode redraws every second")
    }
}
