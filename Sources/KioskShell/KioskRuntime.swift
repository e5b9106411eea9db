import Dispatch
import Foundation
import KioskCore

/// The kiosk's shell: it feeds events to the pure core one at a time, shows each new state, and
/// then carries out the effects, whose results come back as events.
///
/// The state is drawn before any effect runs, so a removal's lock screen is on the screen before
/// a single logout leaves the machine.
public final class KioskRuntime: @unchecked Sendable {
    private let queue = DispatchQueue(label: "cmc-kiosk-core")
    private var state: KioskState  // touched only on `queue`
    private let show: @Sendable (KioskState) -> Void
    private var performer: EffectPerformer!

    /// - Parameters:
    ///   - show: draws a state; called on the runtime's queue, once per event.
    public init(initialState: KioskState, services: KioskServices, show: @escaping @Sendable (KioskState) -> Void) {
        state = initialState
        self.show = show
        performer = EffectPerformer(services: services) { [weak self] event in self?.send(event) }
    }

    /// Queues an event; events are handled one at a time, in order.
    public func send(_ event: KioskEvent) {
        let arrived = ContinuousClock.now
        queue.async { [self] in
            let effects = state.apply(event)
            show(state)
            performer.perform(effects, in: state, arrivedAt: arrived)
        }
    }

    /// Logs out whatever is under way (reason `kiosk_shutdown`) and waits, at most `limit`, for
    /// the logouts' first try; and for the session command's group to be gone, however long
    /// that takes (its SIGKILL comes after two seconds).
    public func shutDown(within limit: Duration = .seconds(3)) async {
        let arrived = ContinuousClock.now
        let (logouts, commandStops) = await withCheckedContinuation { continuation in
            queue.async { [self] in
                let effects = state.apply(.shuttingDown)
                show(state)
                performer.perform(effects, in: state, arrivedAt: arrived)
                continuation.resume(returning: (performer.logoutsUnderWay, performer.sessionCommandsStopping))
            }
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { for logout in logouts { await logout.value } }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            group.cancelAll()
        }
        for stop in commandStops { await stop.value }
    }

    /// Draws the first screen.
    public func start() {
        queue.async { [self] in show(state) }
    }

    /// The current state, for tests and diagnostics.
    public var currentState: KioskState { queue.sync { state } }
}
