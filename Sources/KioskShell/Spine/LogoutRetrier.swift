import FoundationEssentials
import KioskCore

/// Keeps trying the logouts that failed, in the background, with growing pauses, for a bounded
/// time; then the portal's lease is the backstop. The next card never waits for it.
actor LogoutRetrier {
    /// The first try's bound: the kiosk's removal path must not wait long for the network.
    static let firstTryTimeout: Duration = .seconds(2)
    /// Later tries, in the background.
    static let retryTimeout: Duration = .seconds(10)
    private let giveUpAfter: Duration
    private let firstPause: Duration
    private var pending: [ObjectIdentifier: Task<Void, Never>] = [:]

    init(giveUpAfter: Duration = .seconds(300), firstPause: Duration = .seconds(1)) {
        self.giveUpAfter = giveUpAfter
        self.firstPause = firstPause
    }

    /// Logs the session out; returns after the first try, leaving any retries in the background.
    /// Returns whether the first try was enough.
    @discardableResult
    func logOut(_ session: SpineSession, reason: LogoutReason) async -> Bool {
        guard await session.holdsSecrets else { return true }
        if await session.logOut(reason: reason, timeout: Self.firstTryTimeout) { return true }
        let id = ObjectIdentifier(session)
        let (giveUpAfter, firstPause) = (giveUpAfter, firstPause)
        pending[id] = Task {
            let clock = ContinuousClock()
            let deadline = clock.now + giveUpAfter
            var pause = firstPause
            while clock.now < deadline, !Task.isCancelled {
                try? await Task.sleep(for: pause)
                if await session.logOut(reason: reason, timeout: Self.retryTimeout) { break }
                pause = min(pause * 2, .seconds(30))
            }
            await session.forget()
            self.finished(id)
        }
        return false
    }

    private func finished(_ id: ObjectIdentifier) { pending[id] = nil }
}
