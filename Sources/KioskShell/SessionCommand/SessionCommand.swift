import CShims
import FoundationEssentials
import Glibc
import KioskCore
import SystemThreads

/// A session command running in its own process group, from `posix_spawn` to the teardown
/// that leaves none of its processes behind: those that left the group included, found through
/// its ``SessionContainment``.
///
/// The group's leader is not reaped until ``stop()``: its zombie keeps the group id from being
/// reused, and the leader's pid from being taken for another process's.
final class SessionCommand: Sendable {
    /// The process group, whose id is the leader's pid.
    let processGroup: pid_t
    /// What keeps the command's processes together for the teardown.
    let containment: any SessionContainment
    /// The terminal made the group's, taken back by ``stop()``.
    let terminal: Int32?
    /// How long the group has to end after SIGTERM before SIGKILL.
    static let termGrace: Duration = .seconds(2)
    /// The signals a child may inherit as ignored or blocked; each is reset to its default.
    private static let resetSignals = [
        SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGALRM, SIGCHLD, SIGUSR1, SIGUSR2, SIGTSTP, SIGTTIN,
        SIGTTOU, SIGWINCH,
    ]

    /// Starts `command` (an absolute program path, then its arguments) with exactly
    /// `environment`, and no descriptor but the standard streams. Without the terminal, these
    /// are `/dev/null`; with it, the group becomes the terminal's foreground group. `onExit`
    /// runs on a thread of its own when the leader ends, whoever ended it. With `identity`, the
    /// command runs as that user, with no capability (``SessionIdentity``).
    init(
        command: [String], environment: [String: String], identity: SessionIdentity? = nil, terminal: Int32?,
        containment choice: SessionContainmentChoice = .automatic, onExit: @escaping @Sendable () -> Void
    ) throws(SessionCommandError) {
        guard let wanted = command.first, wanted.hasPrefix("/") else { throw .notAnAbsolutePath }
        let command = identity.map { $0.commandLine(running: command) } ?? SessionIdentity.ownUserCommandLine(running: command)
        let program = command[0]
        // Through setpriv a program that cannot run would fail after the spawn: fail now, as the spawn would.
        if program != wanted, access(wanted, X_OK) != 0 { throw .spawnFailed(String(cString: strerror(errno))) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }

        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        Self.resetSignals.forEach { sigaddset(&signals, $0) }
        posix_spawnattr_setsigdefault(&attributes, &signals)
        // Nothing the kiosk holds open passes: not the audit file, a connection or the reader.
        cmc_spawn_add_closefrom(&actions, STDERR_FILENO + 1)
        if let terminal {
            // All three streams on the terminal, whatever the kiosk's own output goes to (the
            // journal, a file): a program run as the session user cannot reopen the terminal
            // by its name, which belongs to the kiosk.
            for stream in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where stream != terminal {
                posix_spawn_file_actions_adddup2(&actions, terminal, stream)
            }
            cmc_spawn_add_tcsetpgrp(&actions, terminal)
        } else {
            for stream in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
                posix_spawn_file_actions_addopen(
                    &actions, stream, "/dev/null", stream == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0)
            }
        }

        let arguments = command.map { strdup($0) } + [nil]
        let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (arguments + variables).forEach { free($0) } }
        let entry = ContainmentEntry(choice)
        entry.install(in: &actions)
        var pid = pid_t()
        let failure = posix_spawn(&pid, program, &actions, &attributes, arguments, variables)
        guard failure == 0 else {
            entry.abandon()
            throw .spawnFailed(String(cString: strerror(failure)))
        }
        containment = entry.finish(leader: pid)
        processGroup = pid
        self.terminal = terminal
        detachThread(named: "cmc-command-wait") { [pid] in
            var info = siginfo_t()
            while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1, errno == EINTR {}
            onExit()
        }
    }

    /// SIGTERM to every process of the command, SIGKILL after ``termGrace`` to what is left, then
    /// a check that nothing is left (see ``ProcessTeardown``), and the terminal back. Blocks for
    /// up to about four seconds.
    func stop() -> SessionCommandOutcome {
        defer {
            reapLeader()
            reclaimTerminal()
        }
        return ProcessTeardown.run(containment, grace: Self.termGrace)
    }

    /// Makes the kiosk's group the terminal's foreground again. The kiosk is in the background
    /// until then, so SIGTTOU, which would stop it, is blocked meanwhile.
    private func reclaimTerminal() {
        guard let terminal else { return }
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTTOU)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        tcsetpgrp(terminal, getpgrp())
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }

    /// Reaps the leader, waiting up to a second for it to become a zombie: a process leaves its
    /// cgroup's `cgroup.procs` while it is still exiting, so the teardown may be over before the
    /// leader can be reaped, and a leader not reaped then would stay a zombie for good.
    private func reapLeader() {
        let deadline = ContinuousClock.now + Self.reapWait
        var status: Int32 = 0
        while true {
            let reaped = waitpid(processGroup, &status, WNOHANG)
            if reaped == -1, errno == EINTR { continue }
            if reaped != 0 || ContinuousClock.now >= deadline { break }
            usleep(1_000)
        }
        KioskChildren.reaped(processGroup)
    }

    /// How long ``stop()`` waits for the leader, once its processes are gone, to be reaped.
    static let reapWait: Duration = .seconds(1)
}

/// Why a session command did not start.
enum SessionCommandError: Error, Equatable {
    case notAnAbsolutePath
    case spawnFailed(String)
    /// No fresh home could be made for the session user.
    case noHome(String)

    var reason: String {
        switch self {
        case .notAnAbsolutePath: "the program is not an absolute path"
        case .spawnFailed(let text): text
        case .noHome(let text): "no fresh home for the session: \(text)"
        }
    }
}
