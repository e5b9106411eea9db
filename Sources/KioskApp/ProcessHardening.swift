import CShims
import Glibc

/// What the process does to itself before it touches a secret: no core dumps, not dumpable (so
/// no other process of the same user can read its memory), and the job-control and quit signals
/// ignored outside the demo. SIGXFSZ is ignored too: a file past the size limit (`LimitFSIZE=`)
/// fails the write (the audit log's, which carries on) instead of killing the kiosk.
public enum ProcessHardening {
    public static func apply(isDemo: Bool) {
        _ = cmc_forbid_core_dumps()
        signal(SIGXFSZ, SIG_IGN)
        if !isDemo {
            signal(SIGINT, SIG_IGN)
            signal(SIGTSTP, SIG_IGN)
            signal(SIGQUIT, SIG_IGN)
        }
    }
}
