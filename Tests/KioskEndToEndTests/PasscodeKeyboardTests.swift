import Foundation
import Glibc
import TerminalTestSupport
import Testing

/// The passcode screen of the real kiosk (`cmc-kiosk-demo`) in tmux, on the keyboards of a ward:
/// the keypad's digits as tmux sends them (`send-keys KP1`) under three terminal types, "Num
/// Lock is off" for keys the keypad sends without Num Lock, and accessible mode.
@Suite("The passcode screen on real keyboards, in tmux", .serialized)
struct PasscodeKeyboardTests {
    /// The demo under `term`, with a configuration file holding `lines` beside `environment = "demo"`.
    private func startDemo(term: String, lines: [String] = [], arguments: String = "") throws -> (Tmux, URL) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("keyboard-\(UUID().uuidString).toml")
        try (["environment = \"demo\""] + lines).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let demo = "\(Tmux.builtProgram("cmc-kiosk-demo")) --no-browser --config \(file.path) \(arguments)"
        let kiosk = try Tmux(columns: 100, rows: 30, command: "env TERM=\(term) \(demo); echo KIOSK-EXIT-$?; sleep 60")
        let screen = kiosk.wait(for: "Insert your NHS smartcard", seconds: 30)
        #expect(screen.contains("Insert your NHS smartcard"), "the lock screen: \(screen)")
        return (kiosk, file)
    }

    /// Inserts the demo card with one role (the picker's second) and waits for the passcode
    /// screen; `insertKey` opens the picker.
    private func insertOneRoleCard(into kiosk: Tmux, insertKey: String = "F2") throws {
        try kiosk.send(insertKey)
        kiosk.wait(for: "Insert a demo card")
        try kiosk.send("Down")
        try kiosk.send("Enter")
        let screen = kiosk.wait(for: "Enter your passcode")
        #expect(screen.contains("Enter your passcode"), "\(screen)")
    }

    /// The passcode field's 12 cells (tmux's capture drops the blanks that end a line).
    private func field(_ pane: String) -> String? {
        guard let line = pane.split(separator: "\n").first(where: { $0.contains("Passcode") && !$0.contains("passcode") }),
              let range = line.range(of: "Passcode") else { return nil }
        let cells = String(line[range.upperBound...].dropFirst().prefix(12))
        return cells.padding(toLength: 12, withPad: " ", startingAt: 0)
    }

    /// tmux sends ESC O p … ESC O y for KP0 … KP9 once the program asks for application keypad
    /// mode: ncurses' smkx for xterm and tmux, the kiosk's own ESC = for the Linux console.
    /// (tmux sends F2 as xterm does, which the Linux console's terminfo does not know: there the
    /// picker opens with Ctrl-T.)
    @Test(arguments: ["xterm-256color", "tmux-256color", "linux"])
    func keypadDigitsAndEnterSignIn(term: String) throws {
        let (kiosk, file) = try startDemo(
            term: term, lines: ["[passcode]", "echo = \"dots\"", "[keys]", "demo_insert = \"Ctrl-T\""])
        defer { kiosk.kill(); try? FileManager.default.removeItem(at: file) }
        try insertOneRoleCard(into: kiosk, insertKey: "C-t")
        for key in ["KP1", "KP2", "KP3"] { try kiosk.send(key) }
        let three = kiosk.wait { self.field($0)?.hasPrefix("***") == true }
        #expect(field(three) == "***         ", "\(term): three keypad digits, three dots: \(three)")
        for key in ["KP4", "KP5", "KP6"] { try kiosk.send(key) }
        kiosk.wait { self.field($0)?.hasPrefix("******") == true }
        try kiosk.send("KPEnter")
        let signedIn = kiosk.wait(for: "Signed in as", seconds: 20)
        #expect(signedIn.contains("Signed in as"), "\(term): 123456 from the keypad signs in: \(signedIn)")
    }

    /// End as tmux sends it, `ESC [ 4 ~`, which is End in tmux's own terminfo entry.
    @Test func keysTheKeypadSendsWithoutNumLockSaySo() throws {
        let (kiosk, file) = try startDemo(term: "tmux-256color")
        defer { kiosk.kill(); try? FileManager.default.removeItem(at: file) }
        try insertOneRoleCard(into: kiosk)
        try kiosk.send("End")
        let warned = kiosk.wait(for: "Num Lock is off")
        #expect(warned.contains("Press Num Lock to type digits on the keypad."), "\(warned)")
        try kiosk.send("-l", "1")
        let typed = kiosk.wait { !$0.contains("Num Lock is off") }
        #expect(!typed.contains("Num Lock is off"), "a digit takes the notice back")
    }

    @Test func theIndicatorChangesOnEveryKeyAndErasure() throws {
        let (kiosk, file) = try startDemo(term: "xterm-256color")
        defer { kiosk.kill(); try? FileManager.default.removeItem(at: file) }
        try insertOneRoleCard(into: kiosk)
        var last = try #require(field(kiosk.capture()))
        #expect(last.allSatisfy { $0 == " " }, "blank before the first key")
        for key in ["-l 1", "-l 2", "-l 3", "BSpace", "BSpace", "BSpace", "BSpace"] {
            try kiosk.send(key.split(separator: " ").map(String.init))
            let now = kiosk.wait { self.field($0) != last }
            let shown = try #require(field(now))
            #expect(shown != last, "\(key) changed the field")
            #expect(shown.filter { $0 == "<" }.count == 1, "one mark, whatever the length: \(shown)")
            last = shown
        }
    }

    /// tmux raises its window's bell flag on BEL; it stays up once raised, so each kiosk here
    /// rings (or not) once.
    @Test(arguments: [true, false])
    func theBellRingsWhenACardIsReadOnlyIfAskedFor(bell: Bool) throws {
        let (kiosk, file) = try startDemo(term: "tmux-256color", lines: ["[display]", "bell = \(bell)"])
        defer { kiosk.kill(); try? FileManager.default.removeItem(at: file) }
        #expect(kiosk.display("#{window_bell_flag}") == "0")
        try insertOneRoleCard(into: kiosk)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(kiosk.display("#{window_bell_flag}") == (bell ? "1" : "0"))
    }

    @Test func accessibleModeSendsNothingWhileIdleAndKeepsTheCursorOnTheFocus() throws {
        let (kiosk, file) = try startDemo(term: "xterm-256color", arguments: "--accessible")
        defer { kiosk.kill(); try? FileManager.default.removeItem(at: file) }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("a11y-demo-\(UUID().uuidString)").path
        defer { unlink(output) }
        let locked = kiosk.wait(for: "Insert your NHS smartcard to sign in.")
        let cursor = try #require(kiosk.cursor())
        #expect(cursor.visible && cursor.column == 1 && cursor.row == 3, "\(cursor)\n\(locked)")

        Thread.sleep(forTimeInterval: 1)
        try kiosk.recordOutput(to: output)
        Thread.sleep(forTimeInterval: 4)
        #expect(Self.size(output) == 0, "nothing sent while the lock screen waits")

        try insertOneRoleCard(into: kiosk)
        let entry = kiosk.wait(for: "Enter your passcode and press Enter.")
        let lines = entry.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let row = try #require(lines.firstIndex { $0.contains("Passcode") && !$0.contains("passcode") })
        let column = try #require(lines[row].range(of: "Passcode")).upperBound.utf16Offset(in: lines[row]) + 1
        let onField = try #require(kiosk.cursor())
        #expect(onField.visible && onField.row == row && onField.column == column, "\(onField)\n\(entry)")

        Thread.sleep(forTimeInterval: 1)
        let before = Self.size(output)
        Thread.sleep(forTimeInterval: 4)
        #expect(Self.size(output) == before, "nothing sent while the passcode screen waits")
    }

    private static func size(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}
