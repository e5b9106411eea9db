import Dispatch
import Glibc

/// The signals a ward kiosk is sent, turned into calls on a dispatch queue (nothing runs in a
/// signal handler). SIGTERM ends the kiosk. SIGHUP ends it when its terminal has hung up, which
/// is what SIGHUP first meant; sent while the terminal is there, it asks, as SIGUSR1 does, for
/// the audit file to be reopened (logrotate's `postrotate`).
final class KioskSignals {
    private let sources: [any DispatchSourceSignal]

    init(onEnd: @escaping @Sendable () -> Void, onReopen: @escaping @Sendable () -> Void) {
        sources = [
            Self.source(SIGTERM, onEnd),
            Self.source(SIGHUP) { Self.terminalHungUp() ? onEnd() : onReopen() },
            Self.source(SIGUSR1, onReopen),
        ]
    }

    func cancel() { sources.forEach { $0.cancel() } }

    private static func source(_ number: Int32, _ handler: @escaping @Sendable () -> Void) -> any DispatchSourceSignal {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number)
        source.setEventHandler(handler: handler)
        source.resume()
        return source
    }

    /// Whether the kiosk's terminal, its standard input, has hung up (a closed pseudo-terminal,
    /// a console hung up with `vhangup`): the kernel marks it so before it sends SIGHUP.
    private static func terminalHungUp() -> Bool {
        var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&input, 1, 0) > 0 && input.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }
}
