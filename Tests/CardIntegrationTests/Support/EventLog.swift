import Foundation
import SmartCard
import Synchronization

/// Collects reader events from a monitor, and waits for the ones a test expects.
final class EventLog: Sendable {
    private let events = Mutex<[ReaderEvent]>([])

    func record(_ event: ReaderEvent) { events.withLock { $0.append(event) } }

    var all: [ReaderEvent] { events.withLock { $0 } }

    /// The events about cards, in order, leaving out readers coming and going.
    var cardEvents: [ReaderEvent] {
        all.filter {
            switch $0 {
            case .cardInserted, .cardRemoved: true
            default: false
            }
        }
    }

    /// Waits until `condition` holds for the events so far; `false` if it never did in time.
    @discardableResult
    func wait(
        timeout: Duration = .seconds(15), until condition: ([ReaderEvent]) -> Bool
    ) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if condition(all) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition(all)
    }
}

/// A running monitor that records into an ``EventLog``; stop it when done.
struct RecordedMonitor {
    let monitor: ReaderMonitor
    let log: EventLog

    init(filter: String) {
        let log = EventLog()
        self.log = log
        monitor = ReaderMonitor(readerNameFilter: filter) { log.record($0) }
        monitor.start()
    }

    func waitForCard(in reader: VirtualReader) async -> Bool {
        await log.wait { $0.contains { if case .cardInserted(reader.name, _) = $0 { true } else { false } } }
    }
}
