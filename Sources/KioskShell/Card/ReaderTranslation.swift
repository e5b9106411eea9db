import KioskCore
import SmartCard

/// The reader monitor's events as the kiosk's core knows them.
public enum ReaderTranslation {
    public static func event(for event: ReaderEvent) -> KioskEvent {
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
