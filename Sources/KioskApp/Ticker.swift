import Dispatch
import FoundationEssentials
import KioskCore

/// The clock of the kiosk: a tick a second, so the core's timers and the screen's clock move.
final class Ticker {
    private let timer: any DispatchSourceTimer

    init(interval: DispatchTimeInterval = .seconds(1), send: @escaping @Sendable (KioskEvent) -> Void) {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "cmc-kiosk-clock"))
        timer.schedule(deadline: .now(), repeating: interval, leeway: .milliseconds(50))
        timer.setEventHandler { send(.tick(Date())) }
        timer.resume()
    }

    func stop() { timer.cancel() }
}
