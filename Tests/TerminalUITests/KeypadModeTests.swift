import Foundation
import TerminalTestSupport
import Testing

/// Application keypad mode in a real terminal: the kiosk asks for it where the terminal's
/// terminfo cannot (the Linux console's), and gives it back when it ends.
@Suite struct KeypadModeTests {
    @Test(arguments: ["linux", "xterm-256color"])
    func theKeypadIsInApplicationModeWhileTheKioskRunsAndGivenBackAfter(term: String) throws {
        let tmux = try Tmux(environment: "TERM=\(term)", gallery: "passcode")
        defer { tmux.kill() }
        tmux.wait(for: "Enter your passcode")
        #expect(tmux.display("#{keypad_flag}") == "1", "\(term): ESC = (or smkx) reached the terminal")
        try tmux.send("q")
        tmux.wait(for: "EXITED")
        #expect(tmux.display("#{keypad_flag}") == "0", "\(term): ESC > (or rmkx) at the end")
    }
}
