import Foundation
import Glibc
import TerminalTestSupport
import Testing

/// A start-up error of a kiosk started by systemd on a terminal of its own (the unit's
/// `StandardOutput=tty`, `StandardError=journal`): the screen says it in plain words, with the
/// file and line, and the kiosk stays on it instead of exiting into a restart loop. Started here
/// in tmux with `INVOCATION_ID` set, as systemd sets it, and standard error to a file.
@Suite("A start-up error on a service's terminal")
struct StartUpFailureScreenTests {
    @Test func theScreenSaysWhatIsWrongAndTheKioskWaitsThere() throws {
        // A long path (a UUID in it), so that the line must be broken to fit 80 columns.
        let folder = try Self.folder(configuration: "environment = \"live\"\n[endpoints]\ngas_url = \"http://gas.example.org\"\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appending(path: "config.toml").path
        let journal = folder.appending(path: "journal").path
        let tmux = try Tmux(command: """
            exec env INVOCATION_ID=0123456789abcdef TERM=linux \(Tmux.builtProgram("cmc-kiosk")) --config \(config) 2>\(journal)
            """)
        defer { tmux.kill() }

        let screen = tmux.wait { $0.contains("put right") }
        #expect(screen.contains("this terminal cannot start"), "\(screen)")
        let words = screen.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("\(config):3: endpoints.gas_url: plain http:// is allowed only to loopback addresses"),
                "the file, line and key, broken only at spaces: \(screen)")
        #expect(screen.contains("tell your IT service desk"), "\(screen)")
        #expect(screen.contains("systemctl restart cmc-kiosk"), "\(screen)")
        let pid = try #require(tmux.panePID())
        Thread.sleep(forTimeInterval: 1)
        #expect(kill(pid, 0) == 0, "the kiosk waits on the screen instead of exiting into a restart loop")
        let logged = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(logged.hasPrefix("cmc-kiosk: \(config):3: endpoints.gas_url"), "one line for the journal: \(logged)")
        #expect(logged.split(separator: "\n").count == 1)

        kill(pid, SIGTERM)
        #expect(Self.within(seconds: 5) { kill(pid, 0) != 0 || Self.isZombie(pid) }, "SIGTERM (systemctl stop) ends it")
    }

    @Test func outsideAServiceTheKioskExitsAsEver() throws {
        let folder = try Self.folder(configuration: "environment = \"staging\"\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appending(path: "config.toml").path
        let marker = folder.appending(path: "exited").path
        let tmux = try Tmux(command: """
            env -u INVOCATION_ID \(Tmux.builtProgram("cmc-kiosk")) --config \(config) 2>/dev/null; echo "exit $?" > \(marker); sleep 60
            """)
        defer { tmux.kill() }

        #expect(Self.within(seconds: 10) { FileManager.default.fileExists(atPath: marker) })
        #expect((try? String(contentsOfFile: marker, encoding: .utf8)) == "exit 2\n")
        #expect(!tmux.capture().contains("cannot start"), "nothing on the screen: \(tmux.capture())")
    }

    /// A new folder with `text` as its `config.toml`.
    private static func folder(configuration text: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "cmc-start-failure-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appending(path: "config.toml"), atomically: true, encoding: .utf8)
        return folder
    }

    private static func within(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            guard Date() < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return true
    }

    private static func isZombie(_ pid: pid_t) -> Bool {
        (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.contains(") Z ") == true
    }
}
