import Foundation
import KioskCore
import KioskShell
import Simulator
import TerminalUI

/// The trainer's controls in `--demo`: a key opens a picker of demo cards and inserts the one
/// chosen into the simulated reader; another key takes it out.
final class DemoController: @unchecked Sendable {
    private let lock = NSLock()
    private var overlay: DemoOverlay
    private let personas: DemoPersonas
    private let reader: DemoReader
    private let insertKey: RawKey
    private let removeKey: RawKey

    init(personas: DemoPersonas, reader: DemoReader, insertKey: RawKey, removeKey: RawKey) {
        self.personas = personas
        self.reader = reader
        self.insertKey = insertKey
        self.removeKey = removeKey
        overlay = DemoOverlay(
            personas: personas.entries.map {
                DemoOverlay.Persona(label: $0.persona.label ?? $0.key, description: $0.persona.description ?? "")
            },
            insertKey: insertKey.name, removeKey: removeKey.name)
    }

    var currentOverlay: DemoOverlay { lock.withLock { overlay } }

    /// Handles a key if it is the demo's; `true` when it was. Inserting and removing report to
    /// `runtime` as a real reader would.
    func handle(_ key: RawKey, runtime: KioskRuntime) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if overlay.pickerOpen {
            switch key {
            case .up: overlay.highlighted = max(0, overlay.highlighted - 1)
            case .down: overlay.highlighted = min(overlay.personas.count - 1, overlay.highlighted + 1)
            case .home: overlay.highlighted = 0
            case .end: overlay.highlighted = overlay.personas.count - 1
            case .escape, insertKey: overlay.pickerOpen = false
            case .enter: insertHighlighted(runtime: runtime)
            default: break
            }
            return true
        }
        switch key {
        case insertKey where overlay.insertedLabel == nil:
            overlay.pickerOpen = true
        case removeKey where overlay.insertedLabel != nil:
            reader.remove()
            overlay.insertedLabel = nil
            runtime.send(.cardRemoved(reader: DemoReader.name))
        case insertKey, removeKey:
            break
        default:
            return false
        }
        return true
    }

    private func insertHighlighted(runtime: KioskRuntime) {
        overlay.pickerOpen = false
        guard personas.entries.indices.contains(overlay.highlighted) else { return }
        let entry = personas.entries[overlay.highlighted]
        do {
            try reader.insert(entry.persona, key: entry.key)
        } catch {
            return
        }
        overlay.insertedLabel = entry.persona.label ?? entry.key
        runtime.send(.cardInserted(reader: DemoReader.name, atr: VirtualCard.atr))
    }
}
