import Foundation
import KioskCore

/// Drives the core as the shell does: one event at a time, time only from a virtual clock.
struct Kiosk {
    private(set) var state: KioskState
    /// Every effect asked for so far, in order.
    private(set) var effects: [KioskEffect] = []

    init(_ state: KioskState = Fixture.state()) { self.state = state }

    var phase: KioskPhase { state.phase }

    /// Seconds since ``Fixture/start`` on the virtual clock.
    var elapsed: TimeInterval { state.now.timeIntervalSince(Fixture.start) }

    @discardableResult
    mutating func send(_ event: KioskEvent) -> [KioskEffect] {
        let (next, new) = reduce(state, event)
        state = next
        effects += new
        return new
    }

    @discardableResult
    mutating func send(_ events: [KioskEvent]) -> [KioskEffect] {
        var new: [KioskEffect] = []
        for event in events { new += send(event) }
        return new
    }

    @discardableResult
    mutating func press(_ inputs: KioskInput...) -> [KioskEffect] { send(inputs.map(KioskEvent.input)) }

    /// Moves the virtual clock to `seconds` after the start, ticking once a second as the shell
    /// does; returns each effect with the second it was asked for.
    @discardableResult
    mutating func advance(to seconds: Int) -> [(second: Int, effect: KioskEffect)] {
        var fired: [(second: Int, effect: KioskEffect)] = []
        var second = Int(elapsed.rounded(.down))
        while second < seconds {
            second += 1
            let new = send(.tick(Fixture.start.addingTimeInterval(TimeInterval(second))))
            fired += new.map { (second, $0) }
        }
        return fired
    }

    /// What the card's passcode screen shows, or nil elsewhere.
    var passcodeEntry: PasscodeEntry? {
        if case .passcodeEntry(let entry) = phase { entry } else { nil }
    }

    var roleChoice: RoleChoice? {
        if case .choosingRole(let choice) = phase { choice } else { nil }
    }

    var signedIn: SignedIn? {
        if case .signedIn(let signedIn) = phase { signedIn } else { nil }
    }

    var notice: Notice? {
        if case .removeCard(let notice) = phase { notice } else { nil }
    }
}
