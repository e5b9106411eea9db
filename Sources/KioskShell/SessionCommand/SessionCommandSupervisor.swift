import Foundation
import Glibc
import KioskCore

/// Keeps at most one session command, for the signed-in attempt. The start waits for the
/// hand-off URL, so a teardown may come first: a start after the stop of its attempt does
/// nothing.
final class SessionCommandSupervisor: @unchecked Sendable {
    let settings: SessionCommandSettings
    /// The terminal, lent while a command that needs it runs.
    private let terminal: TerminalHandover?
    private let lock = NSLock()
    /// The attempt whose command may start; guarded by `lock`.
    private var expected: Int?
    /// The command running, and whose it is; guarded by `lock`.
    private var running: (command: SessionCommand, uid: String)?

    init(settings: SessionCommandSettings, terminal: TerminalHandover?) {
        self.settings = settings
        self.terminal = settings.needsTerminal ? terminal : nil
    }

    /// Lets the command of `attempt` start.
    func expect(attempt: Int) {
        lock.withLock { expected = attempt }
    }

    /// Starts the command for `uid` if `attempt` is still expected and none runs; `nil` if not.
    func start(
        attempt: Int, uid: String, environment: [String: String],
        onExit: @escaping @Sendable () -> Void
    ) -> Result<Void, SessionCommandError>? {
        lock.withLock {
            guard expected == attempt, running == nil else { return nil }
            expected = nil
            terminal?.suspend()
            do throws(SessionCommandError) {
                let command = try SessionCommand(
                    command: settings.command, environment: environment,
                    terminal: terminal.map { _ in STDIN_FILENO }, onExit: onExit)
                running = (command, uid)
                return .success(())
            } catch {
                terminal?.resume()
                return .failure(error)
            }
        }
    }

    /// Forbids any pending start and hands over the command running, for the caller to stop.
    func takeRunning() -> (command: SessionCommand, uid: String)? {
        lock.withLock {
            expected = nil
            defer { running = nil }
            return running
        }
    }

    /// Stops `command` (blocking, for seconds) and takes the terminal back if it had it.
    func stop(_ command: SessionCommand) -> SessionCommandOutcome {
        let outcome = command.stop()
        if command.terminal != nil { terminal?.resume() }
        return outcome
    }
}
