import CShims
import Glibc

/// The kiosk's own cgroup in the cgroup v2 hierarchy, where it may make a cgroup per session when
/// the cgroup is delegated to it (systemd's `Delegate=yes`).
struct KioskCgroup: Sendable {
    /// As `/proc/self/cgroup` names it, e.g. `/system.slice/cmc-kiosk.service`.
    let path: String
    /// Its directory, e.g. `/sys/fs/cgroup/system.slice/cmc-kiosk.service`.
    let directory: String

    /// The kiosk's cgroup, `nil` without a cgroup v2 file system (a cgroup v1-only machine).
    static func current() -> KioskCgroup? {
        guard let mountPoint = cgroup2MountPoint(), let path = ProcFiles.cgroupPath(of: getpid()),
              path.hasPrefix("/"), !path.hasSuffix(" (deleted)")
        else { return nil }
        return KioskCgroup(path: path, directory: path == "/" ? mountPoint : mountPoint + path)
    }

    /// Whether the kiosk may make session cgroups in it: it can write the directory and its
    /// `cgroup.procs`, and, if `requireDelegation` and systemd runs the machine, systemd
    /// delegated it (a `trusted.delegate` or `user.delegate` attribute, or, for a service with
    /// `User=`, the directory made the kiosk user's). Without systemd, writable is enough.
    func mayMakeSessionCgroups(requireDelegation: Bool) -> Bool {
        guard access(directory, W_OK) == 0, access(directory + "/cgroup.procs", W_OK) == 0 else { return false }
        guard requireDelegation, access("/run/systemd/system", F_OK) == 0 else { return true }
        if ["trusted.delegate", "user.delegate"].contains(where: { Self.attribute($0, of: directory) == "1" }) {
            return true
        }
        var status = stat()
        return geteuid() != 0 && stat(directory, &status) == 0 && status.st_uid == geteuid()
    }

    /// Where the cgroup v2 file system is mounted (`/sys/fs/cgroup`, or `/sys/fs/cgroup/unified`
    /// on a hybrid machine), from `/proc/self/mountinfo`.
    private static func cgroup2MountPoint() -> String? {
        for line in (ProcFiles.read("/proc/self/mountinfo") ?? "").split(separator: "\n") {
            let halves = line.split(separator: " - ", maxSplits: 1)
            let fields = halves.first?.split(separator: " ") ?? []
            guard halves.count == 2, halves[1].hasPrefix("cgroup2 "), fields.count > 4, fields[3] == "/" else {
                continue
            }
            return String(fields[4])
        }
        return nil
    }

    private static func attribute(_ name: String, of path: String) -> String? {
        var value = [UInt8](repeating: 0, count: 16)
        let length = cmc_get_xattr(path, name, &value, value.count)
        return length > 0 ? String(decoding: value[..<Int(length)], as: UTF8.self) : nil
    }
}
