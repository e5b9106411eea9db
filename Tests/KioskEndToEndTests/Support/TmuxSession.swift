import Foundation

/// A program running in a real terminal: a tmux server of the test's own, driven with
/// `send-keys` and read with `capture-pane`.
final class TmuxSession {
    private let socket = "cmc-e2e-\(UUID().uuidString.prefix(8))"

    /// Starts `command` (a shell command line) in a `columns` × `rows` terminal.
    init(_ command: String, columns: Int = 100, rows: Int = 30, environment: [String: String] = [:]) throws {
        let exports = environment.map { "export \($0.key)='\($0.value)'; " }.joined()
        try tmux(["new-session", "-d", "-s", "kiosk", "-x", String(columns), "-y", String(rows), exports + command])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// Presses keys, in tmux's names: `Enter`, `F2`, `Down`, `C-c`, or literal text.
    func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "kiosk"] + keys)
    }

    /// Types text literally.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "kiosk", "-l", text])
    }

    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", "kiosk", "-x", String(columns), "-y", String(rows)])
    }

    /// The screen's text now.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", "kiosk"])
    }

    /// Waits until the screen shows `text`; the screen last seen is returned either way.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(20)) async throws -> (found: Bool, screen: String) {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        repeat {
            last = try screen()
            if last.contains(text) { return (true, last) }
            try await Task.sleep(for: .milliseconds(50))
        } while ContinuousClock.now < deadline
        return (false, last)
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/tmux")
        process.arguments = ["-L", socket] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// The package's built programs, found beside the test binary.
enum BuiltProducts {
    static let binDirectory: URL = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(filePath: exe).deletingLastPathComponent()
    }()

    static func executable(_ name: String) -> String { binDirectory.appending(path: name).path }
}
