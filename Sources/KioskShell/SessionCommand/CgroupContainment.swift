import Glibc
import KioskCore

/// A session contained by its own cgroup: its processes are what `cgroup.procs` lists, in the
/// session's cgroup or below; no fork, `setsid` or `setpgid` takes one out of it.
struct CgroupContainment: SessionContainment {
    let cgroup: SessionCgroup
    let leader: pid_t
    var mechanism: SessionContainmentMechanism { .cgroup }

    func liveProcesses() -> [ProcessIdentity] {
        cgroup.members().map(\.identity)
    }

    func killAll() {
        if !cgroup.killAll() { liveProcesses().forEach { ProcessSignals.send(SIGKILL, to: $0) } }
    }

    /// An orphan of the session goes to init, unless the kiosk is also a subreaper (it became one
    /// for another session): then its zombie is the kiosk's to reap, and a zombie still names the
    /// cgroup it ended in.
    func cleanUp() {
        let zombies = ProcessTree().children(of: getpid()).filter { $0.state == "Z" && $0.pid != leader }
        for entry in zombies where ProcFiles.cgroupPath(of: entry.pid).map(cgroup.contains) == true {
            var info = siginfo_t()
            waitid(P_PID, id_t(entry.pid), &info, WEXITED | WNOHANG)
        }
        cgroup.remove()
    }
}
