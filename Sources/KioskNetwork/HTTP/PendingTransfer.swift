import Synchronization

/// Set from a task's cancellation handler, read by the engine thread.
final class CancellationFlag: Sendable {
    private let flag = Mutex(false)

    func set() { flag.withLock { $0 = true } }
    var isSet: Bool { flag.withLock { $0 } }
}

/// A request on its way to the engine thread, with the continuation that gets its outcome.
final class PendingTransfer: Sendable {
    let id: Int
    let request: HTTPRequest
    let target: URLPolicy.Target
    let cancellation: CancellationFlag
    private let continuation: Mutex<CheckedContinuation<Result<HTTPResponse, HTTPError>, Never>?>

    init(
        id: Int, request: HTTPRequest, target: URLPolicy.Target, cancellation: CancellationFlag,
        continuation: CheckedContinuation<Result<HTTPResponse, HTTPError>, Never>
    ) {
        self.id = id
        self.request = request
        self.target = target
        self.cancellation = cancellation
        self.continuation = Mutex(continuation)
    }

    /// Delivers the outcome once; later calls do nothing.
    func finish(_ outcome: Result<HTTPResponse, HTTPError>) {
        let waiting = continuation.withLock { continuation in
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(returning: outcome)
    }
}
