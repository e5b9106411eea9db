import Dispatch
import KioskCore

/// The kiosk's one loop: it feeds events to the pure core one at a time, shows each new state,
/// then carries out the effects, whose results come back as events. Keys reach it through the
/// ``KioskFront``, on the same queue, so nothing else ever reads or writes the state.
///
/// The state is drawn before any effect runs, so a removal's lock screen is on the screen before
/// a single logout leaves the machine. Nothing here waits for another thread: callers only queue.
public final class KioskRuntime<Front: KioskFront>: @unchecked Sendable {
    // `@unchecked`: `state` and `front` are read and written only on `queue`, one event at a time.
    private let queue = DispatchQueue(label: "cmc-kiosk-core")
    private var state: KioskState
    private var front: Front
    private let performer: EffectPerformer
    private let show: @Sendable (KioskState, Front) -> Void
    private let performFrontEffect: @Sendable (Front.Effect) -> [KioskEvent]
    private let quit: @Sendable () -> Void

    /// - Parameters:
    ///   - show: draws a state and the front's model; called on the runtime's queue.
    ///   - performFrontEffect: carries out what the front asks of its own adapter, on the
    ///     runtime's queue, and returns the events it caused, which the core handles next.
    ///   - quit: called when the front asks the kiosk to stop.
    public init(
        initialState: KioskState, front: Front, services: KioskServices,
        show: @escaping @Sendable (KioskState, Front) -> Void,
        performFrontEffect: @escaping @Sendable (Front.Effect) -> [KioskEvent],
        quit: @escaping @Sendable () -> Void = {}
    ) {
        state = initialState
        self.front = front
        self.show = show
        self.performFrontEffect = performFrontEffect
        self.quit = quit
        performer = EffectPerformer(services: services)
    }

    /// Queues an event; events are handled one at a time, in order.
    public func send(_ event: KioskEvent) {
        let arrived = ContinuousClock.now
        queue.async { [self] in handle(event, arrivedAt: arrived) }
    }

    /// Queues a key press, for the front to interpret in the state of that moment.
    public func press(_ key: Front.Key) {
        let arrived = ContinuousClock.now
        queue.async { [self] in
            for outcome in front.interpret(key, in: state) {
                switch outcome {
                case .kiosk(let event):
                    handle(event, arrivedAt: arrived)
                case .perform(let effect):
                    for event in performFrontEffect(effect) { handle(event, arrivedAt: arrived) }
                case .quit:
                    quit()
                }
            }
            // The front's own model may have changed without the kiosk's.
            show(state, front)
        }
    }

    private func handle(_ event: KioskEvent, arrivedAt arrived: ContinuousClock.Instant) {
        let effects = state.apply(event)
        show(state, front)
        performer.perform(effects, arrivedAt: arrived) { [weak self] in self?.send($0) }
    }

    /// Logs out whatever is under way (reason `kiosk_shutdown`) and waits, at most `limit`, for
    /// the logouts' first try; and for the session command's group to be gone, however long
    /// that takes (its SIGKILL comes after two seconds).
    public func shutDown(within limit: Duration = .seconds(3)) async {
        let arrived = ContinuousClock.now
        let (logouts, commandStops) = await withCheckedContinuation { continuation in
            queue.async { [self] in
                handle(.shuttingDown, arrivedAt: arrived)
                continuation.resume(returning: (performer.logoutsUnderWay, performer.sessionCommandsStopping))
            }
        }
        await within(limit, otherwise: ()) { for logout in logouts { await logout.value } }
        for stop in commandStops { await stop.value }
    }

    /// Draws the first screen.
    public func start() {
        queue.async { [self] in show(state, front) }
    }

    /// The state once every event queued before this call has been handled, for tests.
    public var currentState: KioskState {
        get async { await withCheckedContinuation { done in queue.async { [self] in done.resume(returning: state) } } }
    }
}
