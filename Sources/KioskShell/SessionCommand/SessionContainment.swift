import Glibc
import KioskCore

/// Keeps a session command's processes together, so that its teardown finds every one, also those
/// that left the command's process group or session (`setsid`, `setpgid`, a double fork).
protocol SessionContainment: Sendable {
    var mechanism: SessionContainmentMechanism { get }
    /// The session's processes that have not ended, each as it was seen.
    func liveProcesses() -> [ProcessIdentity]
    /// SIGKILL to every process of the session, also one started since ``liveProcesses()``.
    func killAll()
    /// Reaps the session's zombies that are the kiosk's children (the leader aside, which its
    /// ``SessionCommand`` reaps) and removes what the containment made.
    func cleanUp()
}

/// How a session command is to be contained: see ``SessionContainmentMechanism``.
public enum SessionContainmentChoice: Equatable, Sendable {
    /// A cgroup when the kiosk's own cgroup is delegated to it (or, without systemd, writable);
    /// otherwise the kiosk becomes a child subreaper.
    case automatic
    /// A cgroup whenever the kiosk can write its own cgroup, delegated or not; otherwise the
    /// subreaper.
    case cgroup
    /// Always the subreaper.
    case subreaper
}

/// The teardown of a contained session: SIGTERM (and SIGCONT, for a stopped process) to every
/// process, again to any that appears meanwhile, SIGKILL to all after `grace`, then a count of
/// what is left. Blocks for up to `grace` plus a second.
enum ProcessTeardown {
    static func run(_ containment: some SessionContainment, grace: Duration) -> SessionCommandOutcome {
        defer { containment.cleanUp() }
        var signalled = Set<ProcessIdentity>()
        let deadline = ContinuousClock.now + grace
        while true {
            let live = containment.liveProcesses()
            if live.isEmpty { return .stopped }
            guard ContinuousClock.now < deadline else { break }
            for process in live where signalled.insert(process).inserted {
                ProcessSignals.send(SIGTERM, to: process)
                ProcessSignals.send(SIGCONT, to: process)
            }
            usleep(20_000)
        }
        let killDeadline = ContinuousClock.now + .seconds(1)
        while ContinuousClock.now < killDeadline {
            containment.killAll()
            usleep(20_000)
            if containment.liveProcesses().isEmpty { return .killed }
        }
        let left = containment.liveProcesses().count
        return left == 0 ? .killed : .processesLeft(left)
    }
}
