import Synchronization

/// The result of `work`, or `fallback` if `limit` passes first; `work` is then cancelled and left
/// to end in the background, so that work deaf to cancellation (a card call blocked in a PKCS#11
/// module) cannot stretch the wait. The one way the shell bounds a wait on the network or on its
/// own tasks.
func within<Result: Sendable>(
    _ limit: Duration, otherwise fallback: Result, _ work: @escaping @Sendable () async -> Result
) async -> Result {
    let outcome = FirstOutcome<Result>()
    let worker = Task { outcome.offer(await work()) }
    let timer = Task {
        try? await Task.sleep(for: limit)
        outcome.offer(fallback)
    }
    let first = await withTaskCancellationHandler {
        await outcome.value()
    } onCancel: {
        worker.cancel()
        timer.cancel()
    }
    worker.cancel()
    timer.cancel()
    return first
}

/// The first value offered, for one waiter; later offers are dropped.
private final class FirstOutcome<Value: Sendable>: Sendable {
    private enum State {
        case pending(waiter: CheckedContinuation<Value, Never>?)
        case settled(Value)
    }

    private let state = Mutex(State.pending(waiter: nil))

    func offer(_ value: Value) {
        let waiter: CheckedContinuation<Value, Never>? = state.withLock { state in
            guard case .pending(let waiter) = state else { return nil }
            state = .settled(value)
            return waiter
        }
        waiter?.resume(returning: value)
    }

    func value() async -> Value {
        await withCheckedContinuation { continuation in
            let settled: Value? = state.withLock { state in
                switch state {
                case .pending:
                    state = .pending(waiter: continuation)
                    return nil
                case .settled(let value):
                    return value
                }
            }
            if let settled { continuation.resume(returning: settled) }
        }
    }
}
