import KioskApp
import KioskCore
import KioskShell
import TerminalUI

/// The trainer's front in the demo: the ward kiosk's keys, and a model of its own nested in the
/// kiosk's — the card picker. One key opens the picker and inserts the card chosen into the
/// simulated reader; another takes it out; Ctrl-C ends the demo.
public struct DemoFront: KioskFront {
    /// What the front asks of the simulated reader.
    public enum Effect: Equatable, Sendable {
        /// Puts the card of the persona at this index of the walk-through in the reader.
        case insert(persona: Int)
        case remove
    }

    /// The picker, and which card is in, as the screens draw it.
    public private(set) var overlay: DemoOverlay
    private let kioskKeys: KeyRouter
    private let insertKey: RawKey
    private let removeKey: RawKey

    public init(personas: [DemoOverlay.Persona], kioskKeys: KeyRouter, insertKey: RawKey, removeKey: RawKey) {
        self.kioskKeys = kioskKeys
        self.insertKey = insertKey
        self.removeKey = removeKey
        overlay = DemoOverlay(personas: personas, insertKey: insertKey.name, removeKey: removeKey.name)
    }

    public mutating func interpret(_ key: RawKey, in kiosk: KioskState) -> [FrontOutcome<Effect>] {
        if overlay.pickerOpen { return pick(key) }
        switch key {
        case .control("c"):
            return [.quit]
        case insertKey where overlay.insertedLabel == nil:
            overlay.pickerOpen = true
            return []
        case removeKey where overlay.insertedLabel != nil:
            overlay.insertedLabel = nil
            return [.perform(.remove)]
        case insertKey, removeKey:
            return []
        default:
            return kioskKeys.input(for: key, in: kiosk.phase).map { [.kiosk(.input($0))] } ?? []
        }
    }

    /// The picker has every key while it is open.
    private mutating func pick(_ key: RawKey) -> [FrontOutcome<Effect>] {
        let last = overlay.personas.count - 1
        switch key {
        case .up: overlay.highlighted = max(0, overlay.highlighted - 1)
        case .down: overlay.highlighted = min(last, overlay.highlighted + 1)
        case .home: overlay.highlighted = 0
        case .end: overlay.highlighted = last
        case .escape, insertKey: overlay.pickerOpen = false
        case .enter:
            overlay.pickerOpen = false
            guard overlay.personas.indices.contains(overlay.highlighted) else { return [] }
            overlay.insertedLabel = overlay.personas[overlay.highlighted].label
            return [.perform(.insert(persona: overlay.highlighted))]
        default: break
        }
        return []
    }
}
