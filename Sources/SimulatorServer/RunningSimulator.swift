import ServiceLifecycle

/// A started simulator: where it serves, and how to stop it.
public final class RunningSimulator: Sendable {
    /// Like `http://127.0.0.1:43211` (no trailing slash).
    public let baseURL: String
    /// The bound port (the real one when port 0 was asked for).
    public let port: Int
    private let group: ServiceGroup
    private let runTask: Task<Void, Never>
    private let sweepTask: Task<Void, Never>

    init(baseURL: String, port: Int, group: ServiceGroup, runTask: Task<Void, Never>, sweepTask: Task<Void, Never>) {
        self.baseURL = baseURL
        self.port = port
        self.group = group
        self.runTask = runTask
        self.sweepTask = sweepTask
    }

    /// Stops accepting connections, finishes open requests and returns when the server has stopped.
    public func stop() async {
        sweepTask.cancel()
        await group.triggerGracefulShutdown()
        await runTask.value
    }

    /// Returns when the server has stopped (after ``stop()`` or a failure).
    public func waitUntilStopped() async {
        await runTask.value
    }
}
