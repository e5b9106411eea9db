import Dispatch
import FoundationEssentials
import Glibc
import KioskCore
import Synchronization
import SystemThreads

/// The kiosk's terminal, run on one dedicated thread that alone calls curses.
///
/// ```swift
/// let screen = TerminalScreen(styles: StyleSheet(theme: theme), keys: KeyLabels(keyMap))
/// try screen.start { key in /* on the UI thread: map with a KeyMap, post to the core */ }
/// screen.show(state, overlay: nil)   // from any thread, as often as the state changes
/// screen.stop()                      // ends the thread and gives the terminal back
/// ```
///
/// The thread sleeps in `poll` on standard input and a self-pipe; it draws when the state,
/// the overlay or the size changes, and looks again every second (sending nothing to the
/// terminal when the frame is the one drawn before: in accessible mode, where no clock shows,
/// an idle kiosk sends nothing at all).
public final class TerminalScreen: Sendable {
    private let styles: StyleSheet
    private let keys: KeyLabels
    private let display: DisplayOptions
    private let environment: [String: String]
    private let onDrawn: (@Sendable (KioskState) -> Void)?
    private let mailbox = Mutex(Mailbox())
    private let wakeUp: (read: Int32, write: Int32)
    private let finished = DispatchSemaphore(value: 0)
    /// Signalled by the UI thread once it has suspended or resumed as asked.
    private let handedOver = DispatchSemaphore(value: 0)

    private struct Mailbox {
        var state: KioskState?
        var overlay: DemoOverlay?
        /// Whether the bell is to ring with the next draw: decided here, for every state shown,
        /// since the UI thread sees only the latest of several shown quickly.
        var bellDue = false
        var started = false
        var stopping = false
        /// Whether the terminal is to be lent to another program.
        var suspended = false
        var openError: TerminalError?
    }

    /// A screen drawn with `styles`, hinting at the keys named by `keys`, shown as `display`
    /// says; `environment` gives `TERM` and `NO_COLOR`. `onDrawn` is called on the UI thread each
    /// time a state has just reached the terminal (for timing; keep it short).
    public init(
        styles: StyleSheet, keys: KeyLabels = .standard, display: DisplayOptions = DisplayOptions(),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        onDrawn: (@Sendable (KioskState) -> Void)? = nil
    ) {
        self.styles = styles
        self.keys = keys
        self.display = display
        self.environment = environment
        self.onDrawn = onDrawn
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        wakeUp = (fds[0], fds[1])
    }

    deinit {
        close(wakeUp.read)
        close(wakeUp.write)
    }

    /// Opens the terminal on the UI thread and starts it; `onKey` is called on that thread for
    /// every key (keep it short), `.resize` included, after which the screen is laid out again
    /// by itself. Throws when the terminal cannot be opened. One start per screen.
    public func start(onKey: @escaping @Sendable (RawKey) -> Void) throws(TerminalError) {
        let alreadyStarted = mailbox.withLock { box in
            defer { box.started = true }
            return box.started
        }
        guard !alreadyStarted else { return }
        let ready = DispatchSemaphore(value: 0)
        detachThread(named: "cmc-kiosk-ui") { [self] in
            let terminal: Terminal
            do throws(TerminalError) {
                terminal = try Terminal(environment: environment)
            } catch {
                mailbox.withLock { $0.openError = error }
                ready.signal()
                finished.signal()
                return
            }
            ready.signal()
            run(terminal, onKey: onKey)
            terminal.close()
            finished.signal()
        }
        ready.wait()
        if let error = mailbox.withLock({ $0.openError }) { throw error }
    }

    /// Shows `state` (with the demo overlay, in demo mode). Any thread; the latest call wins,
    /// but the bell rings for any of them that calls for it.
    public func show(_ state: KioskState, overlay: DemoOverlay? = nil) {
        mailbox.withLock { box in
            if display.bell, Bell.rings(from: box.state, to: state) { box.bellDue = true }
            box.state = state
            box.overlay = overlay
        }
        signal()
    }

    /// Ends the UI thread and gives the terminal back; returns once it has. Idempotent.
    public func stop() {
        let running = mailbox.withLock { box in
            defer { box.stopping = true }
            return box.started && !box.stopping
        }
        guard running else { return }
        signal()
        finished.wait()
    }

    /// Lends the terminal to another program: the UI thread leaves curses mode and stops reading
    /// standard input. Returns once it has (at once if the screen is not running).
    public func suspend() { handOver(suspended: true) }

    /// Takes the terminal back after ``suspend()``: the UI thread re-enters curses mode and
    /// redraws everything. Returns once it has.
    public func resume() { handOver(suspended: false) }

    private func handOver(suspended: Bool) {
        let waits = mailbox.withLock { box in
            defer { box.suspended = suspended }
            return box.started && !box.stopping && box.openError == nil && box.suspended != suspended
        }
        guard waits else { return }
        signal()
        handedOver.wait()
    }

    /// Gives the terminal back at once: for the app's signal and `atexit` handlers. Nothing is
    /// drawn afterwards. Idempotent.
    public static func restore() {
        Terminal.restoreProcessTerminal()
    }

    private func signal() {
        var byte: UInt8 = 1
        _ = write(wakeUp.write, &byte, 1)
    }

    // MARK: The UI thread

    private func run(_ terminal: Terminal, onKey: @Sendable (RawKey) -> Void) {
        var drawn: Frame?
        var inputOpen = true
        var suspended = false
        // A hand-over asked for as the thread ends is not waited for in vain.
        defer { if mailbox.withLock({ $0.suspended }) != suspended { handedOver.signal() } }
        while !terminal.isRestored {
            let (state, overlay, stopping, lent, bellDue) = mailbox.withLock { box in
                // Kept while the terminal is lent: it rings once the kiosk has it back.
                defer { if !box.suspended { box.bellDue = false } }
                return (box.state, box.overlay, box.stopping, box.suspended, box.bellDue)
            }
            if stopping { return }
            if lent != suspended {
                lent ? terminal.suspend() : terminal.resume()
                (suspended, drawn) = (lent, nil)
                handedOver.signal()
            }
            if suspended {
                _ = waitForInput(watchingInput: false)
                continue
            }
            while let key = terminal.nextKey() {
                if key == .resize {
                    // The terminal may have cut or moved what it showed: paint it all again, even
                    // when the frame for the final size is the one drawn before.
                    terminal.repaintAll()
                    drawn = nil
                }
                if let key { onKey(key) }
            }
            if terminal.followTerminalSize() {
                terminal.repaintAll()
                drawn = nil
            }
            if let state {
                if bellDue { terminal.ringBell() }
                let frame = Composer.frame(
                    state, overlay: overlay, size: terminal.size, keys: keys, accessible: display.accessible)
                if frame != drawn, !terminal.isRestored {
                    terminal.draw(frame, styles: styles)
                    drawn = frame
                    onDrawn?(state)
                }
            }
            inputOpen = waitForInput(watchingInput: inputOpen)
        }
    }

    /// Sleeps until a key, a wake-up or the next whole second; false once input has closed
    /// (it is then no longer watched, so a closed terminal cannot spin the thread).
    private func waitForInput(watchingInput: Bool) -> Bool {
        var fds = [
            pollfd(fd: watchingInput ? STDIN_FILENO : -1, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeUp.read, events: Int16(POLLIN), revents: 0),
        ]
        let now = Date().timeIntervalSince1970
        let untilNextSecond = Int32(((now.rounded(.down) + 1 - now) * 1000).rounded(.up))
        _ = poll(&fds, 2, max(1, min(1000, untilNextSecond)))
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeUp.read, &buffer, buffer.count) > 0 {}
        let closed = Int16(POLLHUP | POLLERR | POLLNVAL)
        return watchingInput && fds[0].revents & closed == 0
    }
}
