import FoundationEssentials
import Glibc

/// The unprivileged user a session command runs as (`[session] user`): a user of its own, so
/// that nothing the command does (a browser's shell escape, say) can signal, trace or write to
/// the kiosk, or read its audit file.
///
/// The switch is made by util-linux's `setpriv`, between `posix_spawn` and the program: it sets
/// the real, effective and saved user and group ids and the user's supplementary groups, clears
/// the inheritable, ambient and (where the kiosk may) bounding capability sets, and sets
/// no_new_privs, then executes the program in the same process. So the program starts with no
/// capability at all, whatever the kiosk holds, and no setuid program (sudo, su) can give it more.
public struct SessionIdentity: Equatable, Sendable {
    public var name: String
    public var uid: uid_t
    public var gid: gid_t

    public init(name: String, uid: uid_t, gid: gid_t) {
        self.name = name
        self.uid = uid
        self.gid = gid
    }

    /// util-linux's `setpriv` (Debian's util-linux is an essential package).
    public static let setpriv = "/usr/bin/setpriv"

    /// The user called `name` in the user database, with its primary group; nil when there is none.
    public static func lookUp(_ name: String) -> SessionIdentity? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return SessionIdentity(name: name, uid: entry.pw_uid, gid: entry.pw_gid)
    }

    /// The groups the user is in: its primary group and its supplementary groups.
    public var groups: [gid_t] {
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        while getgrouplist(name, gid, &groups, &count) == -1 {
            groups = [gid_t](repeating: 0, count: Int(count))
        }
        return Array(groups.prefix(Int(count)))
    }

    /// The command line that runs `command` (an absolute program path and its arguments) as this
    /// user, with no capability and no way to gain one.
    func commandLine(running command: [String]) -> [String] {
        [
            Self.setpriv, "--reuid=\(uid)", "--regid=\(gid)", "--init-groups",
            "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--no-new-privs", "--",
        ] + command
    }

    /// The command line for a command that runs as the kiosk's own user (no `[session] user`):
    /// the command itself, as it always was, unless the kiosk holds ambient capabilities (the
    /// unit's `AmbientCapabilities=`, meant for the switch to a session user), which every
    /// program it starts would otherwise inherit: then `setpriv` drops them first.
    static func ownUserCommandLine(running command: [String]) -> [String] {
        guard KioskCapabilities.current(.ambient) != 0 else { return command }
        return [Self.setpriv, "--inh-caps=-all", "--ambient-caps=-all", "--no-new-privs", "--"] + command
    }

    /// The name of the kiosk's own user, for the audit; its number when it has no name.
    public static var kioskUserName: String {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        let uid = geteuid()
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return "uid \(uid)" }
        return String(cString: entry.pw_name)
    }

    // MARK: Every process of the user

    /// Ends, with SIGKILL, every process running as this user, until none is left or `limit`
    /// has passed; whether none is left. The user is the kiosk's alone, so any process of it
    /// outside a session (one that left the session's process group with `setsid`, or survived
    /// a kiosk that crashed) is a session's leftover. Zombies do not count: they run nothing.
    @discardableResult
    func endEveryProcess(within limit: Duration = .seconds(2)) -> Bool {
        let deadline = ContinuousClock.now + limit
        while true {
            let left = Self.liveProcesses(of: uid)
            if left.isEmpty { return true }
            guard ContinuousClock.now < deadline else { return false }
            for pid in left { kill(pid, SIGKILL) }
            usleep(10_000)
        }
    }

    /// The pids of the processes whose real user is `uid`, zombies left out, from `/proc`.
    static func liveProcesses(of uid: uid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = pid_t(entry), pid != getpid(),
                  let status = try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8)
            else { return nil }
            var realUser: uid_t?, zombie = false
            for line in status.split(separator: "\n") {
                if line.hasPrefix("State:") { zombie = line.contains("Z (zombie)") }
                if line.hasPrefix("Uid:") { realUser = line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap { uid_t($0) } }
            }
            return realUser == uid && !zombie ? pid : nil
        }
    }
}

/// The capabilities the kiosk needs to run a session command as a user of its own, and whether
/// it has them.
public enum KioskCapabilities {
    /// One of the thread's capability sets in `/proc/thread-self/status`.
    enum CapabilitySet: String {
        case effective = "CapEff"
        case ambient = "CapAmb"
    }

    /// What each needed capability is for, by its number (`linux/capability.h`).
    public static let needed: [(number: Int, name: String, use: String)] = [
        (7, "CAP_SETUID", "to switch to the session user"),
        (6, "CAP_SETGID", "to switch to its groups"),
        (5, "CAP_KILL", "to end its processes"),
        (0, "CAP_CHOWN", "to give it a fresh home"),
        (1, "CAP_DAC_OVERRIDE", "to remove that home, whose contents it controls"),
    ]

    /// The needed capabilities the calling thread does not have in effect, by name.
    public static var missing: [String] {
        let effective = current(.effective)
        return needed.filter { effective & (1 << UInt64($0.number)) == 0 }.map(\.name)
    }

    /// The calling thread's set as a bit mask (capabilities are per thread in Linux).
    static func current(_ set: CapabilitySet) -> UInt64 {
        guard let status = try? String(contentsOfFile: "/proc/thread-self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(set.rawValue + ":") }),
              let hex = line.split(whereSeparator: \.isWhitespace).last
        else { return 0 }
        return UInt64(hex, radix: 16) ?? 0
    }
}
