import Foundation
import Synchronization

/// Runs a blocking call on a thread of its own, as the kiosk runs card commands, so that a test
/// can act (pull the card) while the call is under way.
final class BlockingCall<Value, Failure: Error>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, Failure>?

    init(_ body: @escaping () throws(Failure) -> Value) {
        nonisolated(unsafe) let work = body
        Thread { [self] in
            result = Result(catching: work)
            done.signal()
        }.start()
    }

    /// The error the call ended with, or `nil` if it succeeded.
    func failure() async -> Failure? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { [self] in
                done.wait()
                if case .failure(let error) = result { continuation.resume(returning: error) } else { continuation.resume(returning: nil) }
            }
        }
    }
}
