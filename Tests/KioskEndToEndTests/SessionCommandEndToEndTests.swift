import Foundation
import TerminalTestSupport
import Testing

/// A session command that needs the terminal, in the demo in a real terminal: the kiosk lends
/// the terminal after sign-in and takes it back at logout.
@Suite("The session command in tmux")
struct SessionCommandEndToEndTests {
    @Test func aTerminalCommandGetsTheTerminalAndTheKioskTakesItBack() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "cmc-session-e2e-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let answer = folder.appending(path: "answer").path
        let configuration = folder.appending(path: "kiosk.toml")
        try """
            environment = "demo"
            device_id = "e2e-session-command"

            [session]
            command = ["/bin/sh", "-c", "echo IN-COMMAND $CMC_DISPLAY_NAME; read line; echo got $line > \(answer)"]
            needs_terminal = true

            [audit]
            path = "\(folder.appending(path: "audit.jsonl").path)"
            syslog = false
            """.write(to: configuration, atomically: true, encoding: .utf8)
        let kiosk = try Tmux(columns: 100, rows: 30, command: """
            env TERM=xterm-256color \(Tmux.builtProgram("cmc-kiosk")) --config \(configuration.path); sleep 60
            """)
        defer { kiosk.kill() }
        #expect(kiosk.wait(for: "Insert your NHS smartcard", seconds: 30).contains("Insert your NHS smartcard"))
        try kiosk.send("F2")
        #expect(kiosk.wait(for: "Nurse Amir Khan").contains("Insert a demo card"))
        try kiosk.send("Down")
        try kiosk.send("Enter")
        #expect(kiosk.wait(for: "Enter your passcode").contains("Enter your passcode"))
        try kiosk.send("-l", "123456")
        try kiosk.send("Enter")

        let lent = kiosk.wait(for: "IN-COMMAND")
        #expect(lent.contains("IN-COMMAND Nurse Amir Khan"), "the command has the terminal: \(lent)")
        #expect(!lent.contains("Coordinate My Care"), "the kiosk does not draw meanwhile")
        try kiosk.send("-l", "hello")
        try kiosk.send("Enter")
        let back = kiosk.wait(for: "You have logged out")
        #expect(back.contains("You have logged out"), "the command's end logs out: \(back)")
        #expect((try? String(contentsOfFile: answer, encoding: .utf8)) == "got hello\n", "the command read the keys")
        try kiosk.send("F3")
        #expect(kiosk.wait(for: "Insert your NHS smartcard").contains("Insert your NHS smartcard"),
                "the kiosk reads the keys again")
    }
}
