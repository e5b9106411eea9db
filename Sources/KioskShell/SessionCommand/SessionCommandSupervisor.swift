import Dispatch
import Glibc
import KioskCore
import Synchronization

/// Keeps at most one session command, for the signed-in attempt. Starts and stops wait (for the
/// terminal's hand-over, for processes to end), so they run one after another on a queue of
/// their own: a stop always follows the start it may have to undo, and the runtime never waits
/// for either. No lock here is held across a wait.
final class SessionCommandSupervisor: Sendable {
    let settings: SessionCommandSettings
    /// The terminal, lent while a command that needs it runs.
    private let terminal: TerminalHandover?
    private let queue = DispatchQueue(label: "cmc-session-command")
    /// The attempt whose command may start: set when it signs in, cleared by its teardown.
    private let allowedAttempt = Mutex<Int?>(nil)
    /// The command running, and whose it is; changed only on `queue`.
    private let running = Mutex<(command: SessionCommand, uid: String)?>(nil)
    /// With a session user: where its homes are made, and the running command's; changed only on `queue`.
    private let homes: SessionHomes?
    private let home = Mutex<SessionHome?>(nil)

    init(settings: SessionCommandSettings, terminal: TerminalHandover?) {
        self.settings = settings
        self.terminal = settings.needsTerminal ? terminal : nil
        homes = settings.user.map { SessionHomes(base: $0.homeBase, identity: $0.identity) }
        // What a kiosk that ended mid-session left (processes, homes) goes first, before any start.
        if let homes { queue.async { homes.removeLeftovers() } }
    }

    /// The user the command runs as, for the audit.
    var runsAs: String { settings.user?.identity.name ?? SessionIdentity.kioskUserName }

    /// Lets the command of `attempt` start.
    func expect(attempt: Int) {
        allowedAttempt.withLock { $0 = attempt }
    }

    /// Starts the command of `attempt`, for `uid`, as `arguments` (the configured command with
    /// its placeholders filled in) with `environment`, unless its teardown has come first or a
    /// command runs; `started` hears how it went (not at all when it was not started).
    func start(
        attempt: Int, uid: String, arguments: [String], environment: [String: String],
        onExit: @escaping @Sendable () -> Void,
        started: @escaping @Sendable (Result<Void, SessionCommandError>) -> Void
    ) {
        queue.async { [self] in
            guard allowedAttempt.withLock({ $0 == attempt }), running.withLock({ $0 == nil }) else { return }
            var environment = environment
            if let homes {
                do throws(SessionHomeError) {
                    let made = try homes.make()
                    home.withLock { $0 = made }
                    environment.merge(made.environment(for: homes.identity)) { _, ours in ours }
                } catch {
                    return started(.failure(.noHome(error.description)))
                }
            }
            terminal?.suspend()
            do throws(SessionCommandError) {
                let command = try SessionCommand(
                    command: arguments, environment: environment, identity: settings.user?.identity,
                    terminal: terminal.map { _ in STDIN_FILENO }, containment: settings.containment, onExit: onExit)
                running.withLock { $0 = (command, uid) }
                started(.success(()))
            } catch {
                homes?.retire(home.withLock { $0.take() })
                terminal?.resume()
                started(.failure(error))
            }
        }
    }

    /// Forbids any start still to come, then stops the command running (after any start already
    /// queued) and takes the terminal back if it had it; with a session user, then ends any
    /// process of that user still left and removes the session's home, before any later start.
    /// `nil` when no command ran.
    func stop() async -> (uid: String, outcome: SessionCommandOutcome, containment: SessionContainmentMechanism)? {
        allowedAttempt.withLock { $0 = nil }
        return await withCheckedContinuation { done in
            queue.async { [self] in
                guard let (command, uid) = running.withLock({ $0.take() }) else { return done.resume(returning: nil) }
                let outcome = command.stop()
                if command.terminal != nil { terminal?.resume() }
                homes?.retire(home.withLock { $0.take() })
                done.resume(returning: (uid, outcome, command.containment.mechanism))
            }
        }
    }
}
