import Foundation
import Glibc

/// A child process started by ``CleanSpawn`` (a `Process` child of the test runner would inherit
/// its blocked signals and ignore SIGTERM), its standard output and error going to files and, if
/// asked, its standard input a pipe that the test holds open.
public final class Spawned: @unchecked Sendable {
    public let pid: pid_t
    public let stdoutPath: String
    public let stderrPath: String
    private var stdinWriter: Int32 = -1
    private var reaped = false
    private var status: Int32 = 0

    public init(_ executable: String, _ arguments: [String], holdStdinOpen: Bool = false, logPrefix: String,
         environment extra: [String: String] = [:]) throws {
        stdoutPath = "\(logPrefix).out"
        stderrPath = "\(logPrefix).err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeEnds: [Int32] = [-1, -1]
        if holdStdinOpen {
            guard pipe(&pipeEnds) == 0 else { throw POSIXError(.EMFILE) }
            // Neither end may leak into other children: the card comes out only when every
            // writer has closed.
            for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var environment = ProcessInfo.processInfo.environment
        environment.merge(extra) { _, new in new }
        defer { if holdStdinOpen { close(pipeEnds[0]) } }
        do {
            pid = try CleanSpawn.spawn(executable, arguments, environment: environment, actions: &actions)
        } catch {
            if holdStdinOpen { close(pipeEnds[1]) }
            throw error
        }
        stdinWriter = pipeEnds[1]
    }

    public var stdoutText: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    public var stderrText: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Whether it still runs (reaping it if it has ended).
    public var isRunning: Bool {
        if reaped { return false }
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { reaped = true }
        return !reaped
    }

    /// The first line of standard output, waiting up to `seconds`.
    public func firstLine(seconds: Double = 30) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let text = stdoutText
            if let newline = text.firstIndex(of: "\n") { return String(text[..<newline]) }
            if !isRunning { return nil }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    /// Closes its standard input (the gentle way out for `cmc-vcard`) and waits for it.
    public func closeStdin(waitSeconds: Double = 10) {
        if stdinWriter >= 0 {
            close(stdinWriter)
            stdinWriter = -1
        }
        waitForExit(seconds: waitSeconds)
    }

    /// SIGTERM, then SIGKILL if it has not ended within `seconds`; always reaped.
    public func stop(seconds: Double = 10) {
        if stdinWriter >= 0 {
            close(stdinWriter)
            stdinWriter = -1
        }
        guard isRunning else { return }
        kill(pid, SIGTERM)
        waitForExit(seconds: seconds)
        if isRunning {
            kill(pid, SIGKILL)
            waitForExit(seconds: 5)
        }
    }

    private func waitForExit(seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    }

    deinit { stop() }

    /// Runs a short-lived program to completion and returns its output and status.
    public static func run(_ executable: String, _ arguments: [String], logPrefix: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let child = try Spawned(executable, arguments, logPrefix: logPrefix)
        var status: Int32 = 0
        while waitpid(child.pid, &status, 0) == -1 && errno == EINTR {}
        child.reaped = true
        child.status = status
        defer {
            unlink(child.stdoutPath)
            unlink(child.stderrPath)
        }
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exit, child.stdoutText, child.stderrText)
    }
}
