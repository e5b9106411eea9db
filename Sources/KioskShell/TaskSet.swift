import Foundation

/// Tasks that remove themselves when they end, so that those still running can be awaited.
final class TaskSet: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [UUID: Task<Void, Never>] = [:]

    /// Starts `work` as a task kept here until it ends.
    @discardableResult
    func run(_ work: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        let id = UUID()
        return lock.withLock {
            let task = Task { [weak self] in
                await work()
                self?.remove(id)
            }
            tasks[id] = task
            return task
        }
    }

    private func remove(_ id: UUID) { _ = lock.withLock { tasks.removeValue(forKey: id) } }

    /// The tasks still running.
    var running: [Task<Void, Never>] { lock.withLock { Array(tasks.values) } }
}
