import Foundation
import LifecycleDriver
import TerminalTestSupport

/// The demo cards a cycle may use, with how many roles each offers.
enum SoakPersona: String, CaseIterable {
    case oneRole = "one-role", severalRoles = "several-roles", eightRoles = "eight-roles"

    var roles: Int {
        switch self {
        case .oneRole: 1
        case .severalRoles: 3
        case .eightRoles: 8
        }
    }
}

/// Where a cycle's card is pulled out early, if it is.
enum Interruption: String, CaseIterable {
    case passcodeEntry = "passcode entry"
    case spineAuthentication = "Spine authentication"
    case roleChoice = "role choice"
    case portalOpen = "portal session opening"
}

/// What one cycle does: which card, and where (if anywhere) it is pulled before signing in.
struct CyclePlan {
    let persona: SoakPersona
    let interruption: Interruption?

    static func random(using random: inout SplitMix64, interruptedShare: Double) -> CyclePlan {
        guard Double.random(in: 0..<1, using: &random) < interruptedShare else {
            return CyclePlan(persona: SoakPersona.allCases.randomElement(using: &random)!, interruption: nil)
        }
        let interruption = Interruption.allCases.randomElement(using: &random)!
        // Only a card with several roles shows the role list.
        let personas = interruption == .roleChoice ? [.severalRoles, .eightRoles] : SoakPersona.allCases
        return CyclePlan(persona: personas.randomElement(using: &random)!, interruption: interruption)
    }
}

/// How a cycle went: the removal-to-lock time, or the screen that never came.
enum CycleOutcome {
    case locked(milliseconds: Double)
    case stuck(waitingFor: String)
}

/// One insert → passcode → role → signed in → remove cycle (or one cut short by `plan`), with
/// random waits. Spine authentication and the portal's session opening are held up at the
/// simulator (a one-off latency) when the plan pulls the card during them.
struct Cycle {
    let plan: CyclePlan
    let kiosk: KioskRun
    let simulator: SimulatorRun
    let port: Int

    func run(using random: inout SplitMix64) throws -> CycleOutcome {
        let latency = Int.random(in: 300...1000, using: &random)
        switch plan.interruption {
        case .spineAuthentication?:
            try simulator.addFault(#"{"path_prefix":"/login/authvalidate","latency_ms":\#(latency),"times":1}"#)
        case .portalOpen?:
            try simulator.addFault(#"{"path_prefix":"/api/smartcard/sessions","method":"POST","latency_ms":\#(latency),"times":1}"#)
        default: break
        }
        defer { if plan.interruption == .spineAuthentication || plan.interruption == .portalOpen { try? simulator.clearFaults() } }

        let inserted = MonotonicClock.nanoseconds()
        let card = try CardRun(persona: Workbench.persona(plan.persona.rawValue), port: port)
        guard let prompt = kiosk.drawn("passcode_entry", after: inserted) else { return pull(card, stuckAt: "passcode_entry") }
        let heldUp = Double(latency) / 1000 * 0.8
        if plan.interruption == .passcodeEntry {
            try kiosk.tmux.send("-l", String("123456".prefix(Int.random(in: 0...5, using: &random))))
            return try pull(card, after: Double.random(in: 0...0.5, using: &random))
        }
        try kiosk.enter("123456")
        if plan.interruption == .spineAuthentication {
            guard kiosk.drawn("authenticating", after: prompt) != nil else { return pull(card, stuckAt: "authenticating") }
            return try pull(card, after: Double.random(in: 0...heldUp, using: &random))
        }
        if plan.persona.roles > 1 {
            guard kiosk.drawn("choosing_role", after: prompt) != nil else { return pull(card, stuckAt: "choosing_role") }
            for _ in 0..<Int.random(in: 0..<plan.persona.roles, using: &random) { try kiosk.tmux.send("Down") }
            if plan.interruption == .roleChoice { return try pull(card, after: Double.random(in: 0...0.8, using: &random)) }
            try kiosk.tmux.send("Enter")
        }
        if plan.interruption == .portalOpen {
            guard kiosk.drawn("opening_session", after: prompt) != nil else { return pull(card, stuckAt: "opening_session") }
            return try pull(card, after: Double.random(in: 0...heldUp, using: &random))
        }
        guard kiosk.drawn("signed_in", after: prompt) != nil else { return pull(card, stuckAt: "signed_in") }
        return try pull(card, after: Double.random(in: 0.1...1.0, using: &random))
    }

    /// Waits `seconds`, pulls the card, and times the lock screen.
    private func pull(_ card: CardRun, after seconds: Double) throws -> CycleOutcome {
        Thread.sleep(forTimeInterval: seconds)
        let removed = MonotonicClock.nanoseconds()
        card.yank()
        guard let locked = kiosk.drawn("locked", after: removed) else { return .stuck(waitingFor: "locked") }
        return .locked(milliseconds: Double(locked - removed) / 1e6)
    }

    /// Pulls the card after a screen never came, and waits for the lock screen.
    private func pull(_ card: CardRun, stuckAt screen: String) -> CycleOutcome {
        let removed = MonotonicClock.nanoseconds()
        card.yank()
        _ = kiosk.drawn("locked", after: removed)
        return .stuck(waitingFor: screen)
    }
}
