import Synchronization

/// What other threads ask of the engine thread.
enum EngineCommand: Sendable {
    case start(PendingTransfer)
    case cancel(requestID: Int)
    case removeCookies(jarID: Int, done: CheckedContinuation<Void, Never>)
    case listCookieNames(jarID: Int, reply: CheckedContinuation<[String], Never>)
    case releaseCookies(jarID: Int)
}

/// The locked queue between callers and the engine thread; posting wakes the thread's poll.
final class EngineMailbox: Sendable {
    private let multi: MultiHandle
    private let state = Mutex(State())

    private struct State {
        var commands: [EngineCommand] = []
        var stopped = false
        var lastID = 0
    }

    init(multi: MultiHandle) {
        self.multi = multi
    }

    /// Queues a command; false once the engine has stopped (the caller then answers itself).
    @discardableResult
    func post(_ command: EngineCommand) -> Bool {
        state.withLock { state in
            guard !state.stopped else { return false }
            state.commands.append(command)
            multi.wakeUp()  // under the lock, so never after the thread has seen `stopped`
            return true
        }
    }

    /// Takes the queued commands, and whether the engine is to stop after them.
    func drain() -> (commands: [EngineCommand], stop: Bool) {
        state.withLock { state in
            defer { state.commands.removeAll() }
            return (state.commands, state.stopped)
        }
    }

    func stop() {
        state.withLock { state in
            state.stopped = true
            multi.wakeUp()
        }
    }

    /// A process-unique number for a request or a cookie jar of this engine.
    func nextID() -> Int {
        state.withLock { state in
            state.lastID += 1
            return state.lastID
        }
    }
}
