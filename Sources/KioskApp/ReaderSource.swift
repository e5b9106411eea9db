import KioskCore
import KioskShell
import SmartCard
import Synchronization

/// Where the kiosk hears of readers and cards.
public protocol ReaderSource: Sendable {
    /// Starts reporting readers and cards as kiosk events.
    func start(reporting: @escaping @Sendable (KioskEvent) -> Void)
    /// Stops reporting; returns once it has.
    func stop()
}

/// The machine's readers whose name contains a filter, through pcscd.
final class PCSCReaders: ReaderSource {
    private let filter: String
    private let monitor = Mutex<ReaderMonitor?>(nil)

    init(filter: String) { self.filter = filter }

    func start(reporting report: @escaping @Sendable (KioskEvent) -> Void) {
        let started = ReaderMonitor(readerNameFilter: filter) { report(ReaderTranslation.event(for: $0)) }
        monitor.withLock { $0 = started }
        started.start()
    }

    func stop() {
        monitor.withLock { $0 }?.stop()
    }
}
