import Glibc
import KioskCore

/// A session contained by the kiosk being a child subreaper (`PR_SET_CHILD_SUBREAPER`): a process
/// whose parent ends is re-parented to the kiosk rather than to init, so every process the
/// command started stays below the kiosk.
///
/// The session's processes are, from `/proc` at each look: the leader and its descendants, and
/// every orphan the kiosk adopted (a child of the kiosk it did not start itself, see
/// ``KioskChildren``) with its descendants. The kiosk runs one session command at a time, so its
/// orphans are that session's (or an earlier one's stragglers, which must go as well). Orphans in
/// a cgroup other than the kiosk's belong to a session contained by a cgroup, and are left to it.
struct SubreaperContainment: SessionContainment {
    let leader: pid_t
    /// The kiosk's cgroup v2 path, when it has one.
    let kioskCgroup: String?
    var mechanism: SessionContainmentMechanism { .subreaper }

    func liveProcesses() -> [ProcessIdentity] {
        members(in: ProcessTree()).filter { !$0.hasEnded }.map(\.identity)
    }

    func killAll() {
        liveProcesses().forEach { ProcessSignals.send(SIGKILL, to: $0) }
    }

    /// Reaps the adopted orphans that have ended: a subreaper that does not leaves them zombies.
    func cleanUp() {
        let kiosk = getpid()
        let zombies = members(in: ProcessTree()).filter { $0.state == "Z" && $0.pid != leader }
        for entry in zombies where entry.parent == kiosk {
            var info = siginfo_t()
            waitid(P_PID, id_t(entry.pid), &info, WEXITED | WNOHANG)
        }
    }

    /// The session's processes, ended or not.
    private func members(in tree: ProcessTree) -> [ProcessEntry] {
        let kiosk = getpid()
        let adopted = tree.children(of: kiosk).filter { child in
            child.pid != leader && !KioskChildren.startedByKiosk(child.pid)
                && (kioskCgroup == nil || ProcFiles.cgroupPath(of: child.pid) == kioskCgroup)
        }
        let roots = tree.entries.filter { $0.pid == leader } + adopted
        return tree.descendants(of: roots)
    }
}
