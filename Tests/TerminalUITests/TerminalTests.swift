import TerminalTestSupport
import Foundation
import Testing

/// The gallery in a real terminal: tmux runs it, sends it keys and reads the screen back.
@Suite struct TerminalTests {
    @Test(arguments: [
        ("locked", "Insert your NHS smartcard"), ("passcode", "Enter your passcode"),
        ("passcode-last-try", "Last try: a wrong passcode locks your card"), ("roles", "Select your role"),
        ("roles-filter", "Filter:"), ("signed-in", "Signed in as Dr Siân Llewelyn-Jones"),
        ("idle-warning", "You are about to be logged out"), ("remove-card", "Remove your smartcard"),
        ("unregistered", "Your smartcard is not registered with Coordinate My Care"),
        ("service-unavailable", "Card service unavailable"), ("reading", "Reading your smartcard…"),
        ("contacting-spine", "Contacting NHS Spine…"), ("logging-out", "Logging out…"),
    ])
    func eachScreenShowsItsTextUnderTheBanner(screen: String, text: String) throws {
        let tmux = try Tmux(gallery: "\(screen) --environment training")
        defer { tmux.kill() }
        let pane = tmux.wait(for: text)
        let lines = pane.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(pane.contains(text), "\(pane)")
        #expect(lines.first?.hasPrefix(" TRAINING ") == true)
        #expect(lines.count >= 2 && lines[1].contains(":") && lines[1].contains("Reader") || screen == "service-unavailable")
    }

    @Test func aUTF8NameRendersInItsPlace() throws {
        // No locale at all: the kiosk falls back to UTF-8 itself.
        let tmux = try Tmux(environment: "-u LANG -u LC_ALL -u LC_CTYPE TERM=xterm-256color", gallery: "signed-in")
        defer { tmux.kill() }
        let pane = tmux.wait(for: "Siân")
        let line = pane.split(separator: "\n").first { $0.contains("Signed in as") }
        #expect(line?.trimmingCharacters(in: .whitespaces) == "Signed in as Dr Siân Llewelyn-Jones", "\(pane)")
    }

    @Test func typingAPasscodeShowsNothingOfItsLength() throws {
        let tmux = try Tmux(gallery: "passcode")
        defer { tmux.kill() }
        let before = tmux.wait(for: "Enter your passcode")
        try tmux.send("1", "2", "3", "4", "5", "6")
        Thread.sleep(forTimeInterval: 0.5)
        let after = tmux.capture()
        func field(_ pane: String) -> String? { pane.split(separator: "\n").first { $0.contains("Passcode") }.map(String.init) }
        #expect(field(before) != nil && field(before) == field(after))
        #expect(!after.contains("123") && !after.contains("*") && !after.contains("•"))
    }

    @Test func controlKeysAreKeysNotSignals() throws {
        let tmux = try Tmux(gallery: "locked")
        defer { tmux.kill() }
        tmux.wait(for: "Insert your NHS smartcard")
        try tmux.send("C-c")
        try tmux.send("C-z")
        try tmux.send("C-\\")
        Thread.sleep(forTimeInterval: 0.7)
        let pane = tmux.capture()
        #expect(pane.contains("Insert your NHS smartcard") && !pane.contains("EXITED"), "\(pane)")
    }

    @Test func resizingKeepsAUsableScreenThenSaysTooSmall() throws {
        let tmux = try Tmux(gallery: "unregistered")
        defer { tmux.kill() }
        tmux.wait(for: "Remove your smartcard")
        try tmux.resize(columns: 50, rows: 15)
        let compact = tmux.wait { $0.split(separator: "\n").first.map { $0.count <= 50 && $0.contains("TEST") } == true && $0.contains("Remove") }
        #expect(compact.contains("Remove your smartcard"), "\(compact)")
        #expect(compact.contains("Your smartcard number (UID) is 555012345678."))
        #expect(compact.split(separator: "\n").allSatisfy { $0.count <= 50 })
        try tmux.resize(columns: 30, rows: 8)
        let tiny = tmux.wait(for: "Terminal too small")
        #expect(tiny.contains("Terminal too small"), "\(tiny)")
        #expect(tiny.split(separator: "\n").first?.contains("TEST") == true)
        try tmux.resize(columns: 80, rows: 24)
        #expect(tmux.wait(for: "Coordinate My Care").contains("Remove your smartcard"))
    }

    @Test(arguments: [
        // The NHS theme's TEST banner: NHS Purple (54) on 256 colours, magenta (5) on 8, reverse
        // video without colour.
        ("TERM=xterm-256color", "\u{1B}[48;5;54m TEST", true),
        ("TERM=xterm", "\u{1B}[45m TEST", true),
        ("TERM=vt100", "\u{1B}[1;7m TEST", false),
        ("TERM=xterm-256color NO_COLOR=1", "\u{1B}[1;7m TEST", false),
    ])
    func everyKindOfTerminalDraws(environment: String, bannerStyle: String, colour: Bool) throws {
        let tmux = try Tmux(environment: environment, gallery: "locked")
        defer { tmux.kill() }
        tmux.wait(for: "Insert your NHS smartcard")
        let pane = tmux.capture(escapes: true)
        let banner = pane.split(separator: "\n").first.map(String.init) ?? ""
        #expect(pane.contains("Insert your NHS smartcard"))
        #expect(banner.contains(bannerStyle), "\(banner.debugDescription)")
        let colourEscape = #/\x1B\[(?:[0-9;]*;)?(?:3[0-7]|4[0-7]|38;5;\d+|48;5;\d+)[;m]/#
        #expect((pane.firstMatch(of: colourEscape) != nil) == colour)
    }

    @Test func anUnknownTerminalIsAClearErrorNotACrash() throws {
        let tmux = try Tmux(environment: "TERM=no-such-terminal", gallery: "locked")
        defer { tmux.kill() }
        let pane = tmux.wait(for: "EXITED")
        #expect(pane.contains("Unknown terminal type \"no-such-terminal\""), "\(pane)")
        #expect(pane.contains("EXITED 1"))
    }

    @Test func quittingGivesTheTerminalBack() throws {
        let tmux = try Tmux(gallery: "locked --environment demo --demo-overlay")
        defer { tmux.kill() }
        #expect(tmux.wait(for: "F2 Insert a card").contains("Insert your NHS smartcard"))
        try tmux.send("q")
        let pane = tmux.wait { $0.contains("EXITED 0") && $0.contains("isig") }
        let modes = Set(pane.split { " ;\n".contains($0) }.map(String.init))
        #expect(pane.contains("EXITED 0"), "\(pane)")
        #expect(!pane.contains("Insert your NHS smartcard"))  // the main screen is back
        #expect(modes.isSuperset(of: ["icanon", "echo", "isig", "icrnl", "opost"]), "\(pane)")
        #expect(modes.isDisjoint(with: ["-icanon", "-echo", "-isig"]))
    }

    @Test func thePickerListsThePersonas() throws {
        let tmux = try Tmux(gallery: "locked --environment demo --picker")
        defer { tmux.kill() }
        let pane = tmux.wait(for: "Insert a demo card")
        #expect(pane.contains("> Nurse Amaka Okafor"), "\(pane)")
        #expect(pane.contains("Mr 李小龍 (Lee)"))
        #expect(pane.contains("F2 Insert a card  F3 Remove the card"))
    }
}
