import CPCSCLite
import Dispatch
import FoundationEssentials
import Synchronization
import SystemThreads

/// Watches smartcard readers on a thread of its own, with a PC/SC context of its own, and reports
/// ``ReaderEvent``s to a handler, called on that thread.
///
/// It follows every reader (or those whose name contains ``readerNameFilter``), picks up readers
/// plugged in later through the PnP notification, tells a remove-and-reinsert between two polls
/// apart from no change by pcscd's per-reader event counter, and re-establishes its context by
/// itself when pcscd stops and comes back.
public final class ReaderMonitor: Sendable {
    /// Only readers whose name contains this text are watched; empty watches all.
    public let readerNameFilter: String
    private let handler: @Sendable (ReaderEvent) -> Void
    private let control = Mutex(Control())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    private struct Control {
        var started = false
        var stopping = false
        var cancellation: PCSCCancellation?
    }

    /// How long to wait before trying pcscd again while it is unavailable.
    static let serviceRetryInterval: DispatchTimeInterval = .milliseconds(200)

    public init(readerNameFilter: String = "", onEvent handler: @escaping @Sendable (ReaderEvent) -> Void) {
        self.readerNameFilter = readerNameFilter
        self.handler = handler
    }

    /// Starts the monitor thread; calling it again does nothing.
    public func start() {
        let alreadyStarted = control.withLock { control in
            defer { control.started = true }
            return control.started
        }
        guard !alreadyStarted else { return }
        detachThread(named: "cmc-reader-monitor") { [self] in
            var watcher = ReaderWatcher(filter: readerNameFilter, emit: handler)
            watcher.run(monitor: self)
            finished.signal()
        }
    }

    /// Stops the monitor and waits for its thread to end; no event is reported after it returns.
    public func stop() {
        let wasRunning = control.withLock { control in
            let running = control.started && !control.stopping
            control.stopping = true
            return running
        }
        guard wasRunning else { return }
        // A cancel that lands just before the thread starts waiting is lost, so repeat it until
        // the thread has gone.
        repeat {
            control.withLock { $0.cancellation?.cancel() }
            wake.signal()
        } while finished.wait(timeout: .now() + .milliseconds(20)) == .timedOut
    }

    var isStopping: Bool { control.withLock { $0.stopping } }

    /// Records the context whose wait ``stop()`` must cancel; cancels at once if stopping.
    func adopt(_ cancellation: PCSCCancellation?) {
        control.withLock { control in
            control.cancellation = cancellation
            if control.stopping { cancellation?.cancel() }
        }
    }

    /// Sleeps for the retry interval, or less if the monitor is stopped meanwhile.
    func pauseBeforeRetry() {
        _ = wake.wait(timeout: .now() + Self.serviceRetryInterval)
    }
}
