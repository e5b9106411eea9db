import KioskNetwork

/// Spine's challenge (GAS step 1), fetched while the passcode is typed so that the passcode is
/// followed by validation alone. A challenge is used once, and only while it is younger than half
/// its lifetime; an unused one is simply abandoned.
actor ChallengeSupply {
    private let gas: GASClient
    /// Half the challenge's lifetime: a challenge older than this is replaced.
    private let freshFor: Duration
    private let clock = ContinuousClock()
    private var ready: (challenge: GASChallenge, fetchedAt: ContinuousClock.Instant)?
    private var fetching: Task<GASChallenge, any Error>?
    /// Set once the challenge has been taken: nothing more is fetched ahead.
    private var taken = false

    init(gas: GASClient, lifetime: Duration) {
        self.gas = gas
        freshFor = lifetime / 2
    }

    /// Keeps a fresh challenge ready until one is taken or the calling task is cancelled: one
    /// now, and a new one whenever the last is half its lifetime old. A failed fetch is not
    /// retried here; ``take()`` fetches its own.
    func keepFresh() async {
        while !taken, !Task.isCancelled {
            guard (try? await fetched()) != nil else { return }
            try? await Task.sleep(for: freshFor)
        }
    }

    /// A challenge younger than half its lifetime: the one ready, the one on its way (or its
    /// failure), or a new one when a fetch ahead had failed before.
    func take() async throws(GASError) -> GASChallenge {
        taken = true
        if let ready, clock.now - ready.fetchedAt < freshFor {
            self.ready = nil
            return ready.challenge
        }
        ready = nil
        if let fetching {
            // The fetch under way answers for this sign-in, failure included: a second try would
            // only double the wait for a server that is slow or broken.
            do {
                return try await fetching.value
            } catch let error as GASError {
                throw error
            } catch {
                // Cancelled with the fetch ahead: this sign-in fetches its own.
            }
        }
        return try await gas.activate()
    }

    /// A new challenge, kept ready; the fetch is cancelled with the calling task.
    private func fetched() async throws -> GASChallenge {
        let fetch = Task { [gas] () async throws -> GASChallenge in try await gas.activate() }
        fetching = fetch
        defer { if fetching == fetch { fetching = nil } }
        let challenge = try await withTaskCancellationHandler {
            try await fetch.value
        } onCancel: {
            fetch.cancel()
        }
        if !taken { ready = (challenge, clock.now) }
        return challenge
    }
}
