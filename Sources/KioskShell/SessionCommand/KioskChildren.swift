import Glibc
import Synchronization

/// Which of this process's children it started itself: the session commands' leaders, and any
/// child of a thread that is spawning one right now. Its other children are orphans it adopted as
/// a child subreaper.
enum KioskChildren {
    private static let known = Mutex<(leaders: Set<pid_t>, spawningThreads: Set<pid_t>)>(([], []))

    /// `thread` is about to spawn a session command: its new child is not an orphan.
    static func willSpawn(onThread thread: pid_t) {
        known.withLock { _ = $0.spawningThreads.insert(thread) }
    }

    /// The spawn on `thread` is over, and `leader`, if it started, is a session command's leader.
    static func didSpawn(onThread thread: pid_t, leader: pid_t?) {
        known.withLock {
            if let leader { $0.leaders.insert(leader) }
            $0.spawningThreads.remove(thread)
        }
    }

    /// The leader has been reaped; its pid may be reused.
    static func reaped(_ leader: pid_t) {
        known.withLock { _ = $0.leaders.remove(leader) }
    }

    /// Whether this process started its child `pid` itself. Ask after reading `/proc`: a child
    /// seen there is then either a registered leader or still listed as its spawning thread's.
    static func startedByKiosk(_ pid: pid_t) -> Bool {
        let (leaders, spawning) = known.withLock { ($0.leaders, $0.spawningThreads) }
        return leaders.contains(pid) || spawning.contains { ProcFiles.children(ofThread: $0).contains(pid) }
    }
}
