import Foundation
import Glibc

/// A tmux server of its own, running one command in a detached session of a given size; killed
/// by ``kill()``. Shared by the terminal tests: a real terminal, driven with `send-keys` and read
/// with `capture-pane`.
public final class Tmux {
    public let server = "ui-test-\(UUID().uuidString.prefix(8))"
    /// The server's socket directory, this instance's alone, removed by ``kill()``.
    private let socketDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ui-tmux-\(UUID().uuidString)")

    /// A program of the package, built next to the test binary.
    public static func builtProgram(_ name: String) -> String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Starts `command` (a shell command line) in a `columns`×`rows` window.
    public init(columns: Int = 80, rows: Int = 24, command: String) throws {
        try FileManager.default.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
        try run(["new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", "-s", "kiosk", command])
    }

    /// The pane's text (with its SGR escapes when `escapes`, and the spaces that end its lines
    /// when `trailingSpaces`).
    public func capture(escapes: Bool = false, trailingSpaces: Bool = false) -> String {
        (try? run(["capture-pane", "-p", "-t", "kiosk"] + (escapes ? ["-e"] : []) + (trailingSpaces ? ["-N"] : []))) ?? ""
    }

    /// The pane once `condition` holds, or as it is after `seconds`.
    @discardableResult
    public func wait(seconds: Double = 10, escapes: Bool = false, until condition: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var pane = capture(escapes: escapes)
        while !condition(pane), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            pane = capture(escapes: escapes)
        }
        return pane
    }

    @discardableResult
    public func wait(for text: String, seconds: Double = 10) -> String {
        wait(seconds: seconds) { $0.contains(text) }
    }

    public func send(_ keys: String...) throws {
        try send(keys)
    }

    /// `send-keys` with these arguments: key names, or `-l` and literal text, or `-H` and bytes.
    public func send(_ arguments: [String]) throws {
        try run(["send-keys", "-t", "kiosk"] + arguments)
    }

    public func resize(columns: Int, rows: Int) throws {
        try run(["resize-window", "-t", "kiosk", "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Appends everything the pane's program writes to the terminal, from now on, to `path`
    /// (`pipe-pane`): what a screen reader on that terminal would be given.
    public func recordOutput(to path: String) throws {
        try run(["pipe-pane", "-t", "kiosk", "-o", "cat >> '\(path)'"])
    }

    /// The cursor's column and row (from 0), and whether it is visible.
    public func cursor() -> (column: Int, row: Int, visible: Bool)? {
        let parts = display("#{cursor_x} #{cursor_y} #{cursor_flag}").split(separator: " ").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return (parts[0], parts[1], parts[2] == 1)
    }

    /// The process id of the pane's command (the program itself when the command `exec`s it).
    public func panePID() -> pid_t? { pid_t(display("#{pane_pid}")) }

    /// A tmux format expanded for the pane, e.g. `#{alternate_on}` (1 while the terminal shows its
    /// alternate screen) or `#{cursor_flag}` (1 while the cursor is visible); empty on failure.
    public func display(_ format: String) -> String {
        ((try? run(["display-message", "-p", "-t", "kiosk", format])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Ends the server and everything in it, and removes its socket.
    public func kill() {
        for _ in 0..<20 {
            _ = try? run(["kill-server"])
            guard isRunning() else { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        try? FileManager.default.removeItem(at: socketDirectory)
    }

    private func isRunning() -> Bool {
        (try? run(["list-sessions", "-F", "up"]))?.contains("up") == true
    }

    /// Runs tmux with `arguments` and returns what it printed. Spawned by hand, not with
    /// `Process`: the child must not inherit the test thread's blocked signals (the server and the
    /// gallery would then ignore SIGHUP and SIGTERM and outlive `kill-server`), and its standard
    /// output goes to a file, because the server it forks would hold a pipe open forever.
    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("ui-tmux-\(UUID().uuidString)").path
        defer { unlink(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["TMUX_TMPDIR"] = socketDirectory.path
        environment.removeValue(forKey: "TMUX")
        environment.removeValue(forKey: "NO_COLOR")
        let pid = try CleanSpawn.spawn(
            "/usr/bin/tmux", ["-L", server, "-f", "/dev/null"] + arguments, environment: environment, actions: &actions)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }
}
