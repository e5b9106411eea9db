import Foundation
import TerminalTestSupport

/// The kiosk under test: `cmc-kiosk --config FILE` in a tmux terminal of its own, against a
/// simulator, on one vpcd reader, writing its audit log and home into the workspace.
public final class KioskUnderTest: @unchecked Sendable {
    public let tmux: Tmux
    public let configPath: String
    public let auditPath: String
    public let stateFolder: String

    /// `afterExit` is the shell command run in the terminal once the kiosk has ended (after it
    /// prints `KIOSK-EXIT-` and its exit status); `terminal` says how tmux reaches the kiosk.
    public init(simulator: SimulatorProcess, reader: ReaderSetup = .lifecycle, in workspace: Workspace,
                extraConfiguration: String = "", afterExit: String = "sleep 60", terminal: KioskTerminal = .local) throws {
        auditPath = workspace.file("state/audit/audit.jsonl")
        stateFolder = workspace.file("state")
        try FileManager.default.createDirectory(atPath: stateFolder + "/tmp", withIntermediateDirectories: true)
        configPath = try workspace.write("kiosk.toml", """
            environment = "test"
            device_id = "lifecycle-kiosk"

            [endpoints]
            gas_url = "\(simulator.url)"
            portal_url = "\(simulator.url)"
            ca_file = "\(ServerPKI.shared.caPath)"

            [reader]
            name = "\(reader.name)"

            [audit]
            path = "\(auditPath)"
            syslog = false

            \(extraConfiguration)
            """)
        let launcher = reader.launcher.map { "'\($0)' " }.joined()
        tmux = try Tmux(columns: terminal.columns, rows: terminal.rows, command: terminal.command("""
            \(launcher)env TERM=xterm-256color HOME=\(stateFolder) TMPDIR=\(stateFolder)/tmp \
            \(Package.program("cmc-kiosk")) --config \(configPath) 2>\(workspace.file("kiosk.err")); \
            echo "KIOSK-EXIT-$?"; \(afterExit)
            """))
    }

    public func wait(for text: String, seconds: Double = 30) -> String { tmux.wait(for: text, seconds: seconds) }
    public func capture() -> String { tmux.capture() }
    public func send(_ keys: String...) throws {
        for key in keys { try tmux.send(key) }
    }
    public func type(_ text: String) throws {
        try tmux.send("-l", text)
    }
    public func kill() { tmux.kill() }

    /// Every file the kiosk wrote: its audit file and whatever is under its state folder.
    public func writtenFiles() -> [String] {
        var files = [auditPath]
        if let walker = FileManager.default.enumerator(atPath: stateFolder) {
            for case let name as String in walker {
                let full = "\(stateFolder)/\(name)"
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue, full != auditPath {
                    files.append(full)
                }
            }
        }
        return files
    }
}
