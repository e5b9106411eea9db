import CShims
import Dispatch
import FoundationEssentials
import Glibc
import Synchronization
import SystemThreads

/// Holds a session command's process back before it runs until it is in its session's cgroup, so
/// that nothing it forks starts outside.
///
/// glibc's `posix_spawn` (2.36) cannot start a child in a cgroup (`CLONE_INTO_CGROUP`), and a pid
/// written to `cgroup.procs` after it returns would be too late: the program has run by then.
/// So the child's last file action opens a FIFO for reading, which blocks until a writer opens
/// it. Meanwhile a gatekeeper thread finds the child (the new entry in the spawning thread's
/// `/proc/self/task/<tid>/children`), moves it into the cgroup, and only then opens the FIFO for
/// writing, which lets it go on to `exec`. The spawning thread is named ``marker`` meanwhile, and
/// the child, until it runs its program, bears the name of the thread that started it: an orphan
/// re-parented to that thread in the meantime (threads of a subreaper adopt) is never taken for it.
final class SpawnGate: Sendable {
    static let marker = "cmc-spawning"

    private let folder: String
    private var fifo: String { folder + "/gate" }
    private let cgroup: SessionCgroup
    private let spawnReturned = Atomic<Bool>(false)
    private let moved = Atomic<Bool>(false)
    private let gatekeeperDone = DispatchSemaphore(value: 0)
    /// How long the gatekeeper looks for the child before it lets it go uncontained.
    private static let search: Duration = .seconds(2)

    /// The spawning thread's own name, given back by ``finish()``.
    private let spawnerName: String

    /// A gate for `cgroup`, `nil` if its FIFO cannot be made. Made on the spawning thread.
    init?(cgroup: SessionCgroup) {
        var name = [CChar](repeating: 0, count: 16)
        let named = cmc_this_thread_name(&name) == 0
        spawnerName = named ? name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) } : ""
        var template = Array((FileManager.default.temporaryDirectory.path + "/cmc-gate-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { return nil }
        folder = String(cString: made)
        self.cgroup = cgroup
        guard mkfifo(folder + "/gate", 0o600) == 0 else {
            rmdir(folder)
            return nil
        }
    }

    /// Adds the gate to the end of `actions` and starts the gatekeeper. Call on the thread that
    /// then calls `posix_spawn`, and ``finish()`` after it, whatever it returned.
    func install(in actions: inout posix_spawn_file_actions_t) {
        let gateDescriptor: Int32 = STDERR_FILENO + 1
        posix_spawn_file_actions_addopen(&actions, gateDescriptor, fifo, O_RDONLY, 0)
        posix_spawn_file_actions_addclose(&actions, gateDescriptor)
        let spawner = pid_t(cmc_thread_id())
        let earlier = Set(ProcFiles.children(ofThread: spawner))
        _ = cmc_name_this_thread(Self.marker)
        detachThread(named: "cmc-spawn-gate") { [self] in
            let deadline = ContinuousClock.now + Self.search
            var child: pid_t?
            while child == nil, !spawnReturned.load(ordering: .acquiring), ContinuousClock.now < deadline {
                child = ProcFiles.children(ofThread: spawner).first {
                    !earlier.contains($0) && ProcFiles.read("/proc/\($0)/comm") == Self.marker + "\n"
                }
                if child == nil { usleep(200) }
            }
            if let child, cgroup.adopt(child) {
                moved.store(true, ordering: .releasing)
            } else {
                // Uncontained by the cgroup: the subreaper must catch its orphans from the start.
                _ = cmc_become_child_subreaper()
            }
            // Blocks until the child, or `finish` when the child never came, opens for reading.
            let writer = open(fifo, O_WRONLY | O_CLOEXEC)
            if writer >= 0 { close(writer) }
            gatekeeperDone.signal()
        }
    }

    /// After `posix_spawn`: lets the gatekeeper go if the child never reached the gate, waits for
    /// it, and removes the FIFO. Whether the child was in the cgroup before it could run.
    func finish() -> Bool {
        spawnReturned.store(true, ordering: .releasing)
        _ = cmc_name_this_thread(spawnerName)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        gatekeeperDone.wait()
        if reader >= 0 { close(reader) }
        unlink(fifo)
        rmdir(folder)
        return moved.load(ordering: .acquiring)
    }
}
