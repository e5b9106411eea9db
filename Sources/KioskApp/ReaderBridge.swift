import KioskCore
import KioskShell
import SmartCard

/// Feeds the PC/SC reader monitor's events to the kiosk.
enum ReaderBridge {
    /// A monitor of the readers whose name contains `filter`, reporting to `runtime`.
    static func monitor(filter: String, runtime: KioskRuntime) -> ReaderMonitor {
        ReaderMonitor(readerNameFilter: filter) { event in
            runtime.send(kioskEvent(for: event))
        }
    }

    static func kioskEvent(for event: ReaderEvent) -> KioskEvent {
        switch event {
        case .readerAdded(let name): .readerAdded(name)
        case .readerRemoved(let name): .readerRemoved(name)
        case .cardInserted(let reader, let atr): .cardInserted(reader: reader, atr: atr)
        case .cardRemoved(let reader): .cardRemoved(reader: reader)
        case .serviceUnavailable: .cardServiceUnavailable
        case .serviceRestored: .cardServiceRestored
        }
    }
}
