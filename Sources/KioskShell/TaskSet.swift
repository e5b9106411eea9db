import Synchronization

/// Tasks kept until they end, so that those still running can be awaited or cancelled together.
final class TaskSet: Sendable {
    private struct Tasks {
        var nextID = 0
        var running: [Int: Task<Void, Never>] = [:]
    }

    private let tasks = Mutex(Tasks())

    /// Starts `work` as a task kept here until it ends.
    @discardableResult
    func run(_ work: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        tasks.withLock { tasks in
            let id = tasks.nextID
            tasks.nextID += 1
            // The task removes itself; if it ends before it is stored, the lock makes it wait.
            let task = Task { [weak self] in
                await work()
                self?.remove(id)
            }
            tasks.running[id] = task
            return task
        }
    }

    private func remove(_ id: Int) {
        _ = tasks.withLock { $0.running.removeValue(forKey: id) }
    }

    /// Cancels every task still running, and forgets them.
    func cancelAll() {
        let cancelled = tasks.withLock { tasks in
            defer { tasks.running = [:] }
            return Array(tasks.running.values)
        }
        cancelled.forEach { $0.cancel() }
    }

    /// The tasks still running.
    var running: [Task<Void, Never>] { tasks.withLock { Array($0.running.values) } }
}
