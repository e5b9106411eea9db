import CShims
import Glibc
import KioskCore

/// Puts a session command about to be spawned into its containment: its own cgroup when the
/// kiosk's is delegated to it (the child enters it through a ``SpawnGate`` before it runs),
/// otherwise the kiosk becomes a child subreaper before the spawn.
///
/// Used on the spawning thread: `init`, ``install(in:)`` just before `posix_spawn`, then
/// ``finish(leader:)`` or ``abandon()``.
final class ContainmentEntry {
    private let kioskCgroup: KioskCgroup?
    private let cgroup: SessionCgroup?
    private let gate: SpawnGate?
    private let spawner = pid_t(cmc_thread_id())

    init(_ choice: SessionContainmentChoice) {
        let kioskCgroup = KioskCgroup.current()
        var cgroup: SessionCgroup?
        if choice != .subreaper, let kioskCgroup,
           kioskCgroup.mayMakeSessionCgroups(requireDelegation: choice == .automatic), ProcFiles.listsChildren
        {
            SessionCgroup.removeStale(in: kioskCgroup)
            cgroup = SessionCgroup.create(in: kioskCgroup)
        }
        let gate = cgroup.flatMap(SpawnGate.init)
        if gate == nil {
            cgroup?.remove()
            cgroup = nil
            // Not undone: another session may still have orphans to be re-parented to the kiosk.
            _ = cmc_become_child_subreaper()
        }
        self.kioskCgroup = kioskCgroup
        self.cgroup = cgroup
        self.gate = gate
    }

    /// Adds the gate, if any, to the end of the spawn's file actions.
    func install(in actions: inout posix_spawn_file_actions_t) {
        KioskChildren.willSpawn(onThread: spawner)
        gate?.install(in: &actions)
    }

    /// The spawn started `leader`: how it is contained.
    func finish(leader: pid_t) -> any SessionContainment {
        let inCgroup = gate?.finish() ?? false
        KioskChildren.didSpawn(onThread: spawner, leader: leader)
        if inCgroup, let cgroup { return CgroupContainment(cgroup: cgroup, leader: leader) }
        cgroup?.remove()
        return SubreaperContainment(leader: leader, kioskCgroup: kioskCgroup?.path)
    }

    /// The spawn failed.
    func abandon() {
        _ = gate?.finish()
        KioskChildren.didSpawn(onThread: spawner, leader: nil)
        cgroup?.remove()
    }
}
