/// The result of `work`, or `fallback` if `limit` passes first; `work` is then cancelled. The
/// one way the shell bounds a wait on the network or on its own tasks.
func within<Result: Sendable>(
    _ limit: Duration, otherwise fallback: Result, _ work: @escaping @Sendable () async -> Result
) async -> Result {
    await withTaskGroup(of: Result.self) { group in
        group.addTask(operation: work)
        group.addTask {
            try? await Task.sleep(for: limit)
            return fallback
        }
        let first = await group.next() ?? fallback
        group.cancelAll()
        return first
    }
}
