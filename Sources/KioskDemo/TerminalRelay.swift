import CShims
import Glibc

/// The demo's session browser on a pseudo-terminal of its own, relayed to the demo's terminal,
/// so that the demo's card-removal key still works while the browser has the screen
/// (`cmc-kiosk-demo relay`). The relay runs as the session command; a key it intercepts never
/// reaches the browser: the relay sends its parent, the demo, SIGUSR2 instead.
///
/// The ward kiosk needs none of this: there, removal comes from the reader.
public enum TerminalRelay {
    /// Runs `command` (an absolute program path and its arguments) on a new pseudo-terminal until
    /// it ends or the relay is told to stop (SIGTERM, SIGHUP); returns its exit status.
    public static func run(command: [String], intercepting keys: [[UInt8]]) -> Int32 {
        var slavePath = [CChar](repeating: 0, count: 128)
        let master = cmc_open_pseudo_terminal(&slavePath, slavePath.count)
        guard master >= 0 else { return fail("cannot open a pseudo-terminal: \(String(cString: strerror(errno)))") }
        _ = cmc_copy_window_size(STDIN_FILENO, master)
        let terminal = String(decoding: slavePath.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let child = spawn(command, terminal: terminal) else {
            close(master)
            return fail("cannot start \(command.first ?? ""): \(String(cString: strerror(errno)))")
        }
        RelaySignals.install()
        var saved = [UInt8](repeating: 0, count: cmc_terminal_settings_size())
        let raw = cmc_make_raw(STDIN_FILENO, &saved, saved.count) == 0
        relay(master: master, intercepting: keys)
        if raw { _ = cmc_restore_terminal(STDIN_FILENO, saved) }
        close(master)  // the browser's terminal hangs up: it gets SIGHUP and ends
        return reap(child)
    }

    /// Copies the terminal's input to the browser, but for the intercepted keys, and the
    /// browser's output to the terminal, until the browser has gone or a stop signal came.
    private static func relay(master: Int32, intercepting keys: [[UInt8]]) {
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: master, events: Int16(POLLIN), revents: 0),
        ]
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !RelaySignals.stopRequested {
            let ready = poll(&descriptors, 2, 250)
            _ = cmc_copy_window_size(STDIN_FILENO, master)  // follows resizes; unchanged sizes signal nothing
            if ready < 0, errno == EINTR { continue }  // a stop signal: the loop's condition decides
            guard ready >= 0 else { return }
            if descriptors[1].revents != 0 {
                let count = read(master, &buffer, buffer.count)
                guard count > 0 else { return }  // EIO: the browser and its terminal are gone
                write(all: buffer[..<count], to: STDOUT_FILENO)
            }
            if descriptors[0].revents != 0 {
                let count = read(STDIN_FILENO, &buffer, buffer.count)
                guard count > 0 else { return }
                let (input, intercepted) = KeySequences.removing(keys, from: Array(buffer[..<count]))
                if intercepted { kill(getppid(), SIGUSR2) }
                write(all: input[...], to: master)
            }
        }
    }

    private static func spawn(_ command: [String], terminal: String) -> pid_t? {
        guard let program = command.first, program.hasPrefix("/") else {
            errno = EINVAL
            return nil
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, cmc_spawn_setsid_flag() | Int16(POSIX_SPAWN_SETSIGDEF))
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid: the pseudo-terminal becomes the browser's controlling terminal.
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, terminal, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, STDIN_FILENO, STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, STDIN_FILENO, STDERR_FILENO)
        cmc_spawn_add_closefrom(&actions, STDERR_FILENO + 1)
        let arguments = command.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        let failure = posix_spawn(&pid, program, &actions, &attributes, arguments, environ)
        guard failure == 0 else {
            errno = failure
            return nil
        }
        return pid
    }

    /// Waits for the browser, which has lost its terminal, to end: SIGTERM after half a second,
    /// SIGKILL after another; returns how it ended.
    private static func reap(_ child: pid_t) -> Int32 {
        var status: Int32 = 0
        for signal in [SIGTERM, SIGKILL] {
            for _ in 0..<50 {
                if waitpid(child, &status, WNOHANG) == child { return exitStatus(status) }
                usleep(10_000)
            }
            kill(child, signal)
        }
        while waitpid(child, &status, 0) == -1, errno == EINTR {}
        return exitStatus(status)
    }

    private static func exitStatus(_ status: Int32) -> Int32 {
        (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    private static func write(all bytes: ArraySlice<UInt8>, to descriptor: Int32) {
        var rest = bytes
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            rest = rest.dropFirst(written)
        }
    }

    private static func fail(_ message: String) -> Int32 {
        let line = Array("cmc-kiosk-demo relay: \(message)\n".utf8)
        _ = line.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
        return 127
    }
}

/// SIGTERM and SIGHUP (the demo's teardown) end the relay's loop, so that the terminal is put
/// back before the relay exits.
private enum RelaySignals {
    nonisolated(unsafe) static var stopRequested = false

    static func install() {
        for number in [SIGTERM, SIGHUP] {
            signal(number) { _ in RelaySignals.stopRequested = true }
        }
    }
}
