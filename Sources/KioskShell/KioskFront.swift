import KioskCore

/// What stands between the terminal's keys and the kiosk's core, in the same loop: it tells what
/// a key means in the kiosk's current state. A front may keep a model of its own, nested in the
/// kiosk's (the demo's card picker), which sees keys first; it changes only through
/// ``interpret(_:in:)``, one key at a time, on the runtime's queue.
public protocol KioskFront: Sendable {
    /// A key as the terminal reports it.
    associatedtype Key: Sendable
    /// What the front asks of its own adapter (the demo's simulated reader); `Never` for none.
    associatedtype Effect: Sendable

    /// What `key` means now. Pure: the front's own model may change; anything outside it is
    /// returned, to be carried out in order.
    mutating func interpret(_ key: Key, in kiosk: KioskState) -> [FrontOutcome<Effect>]
}

/// One thing a key press asks for.
public enum FrontOutcome<Effect: Sendable>: Sendable {
    /// An event for the kiosk's core.
    case kiosk(KioskEvent)
    /// An effect for the front's own adapter, which answers with events for the core.
    case perform(Effect)
    /// The kiosk is to stop (the demo's Ctrl-C).
    case quit
}
