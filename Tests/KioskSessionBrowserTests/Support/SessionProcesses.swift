import Foundation
import Glibc

/// The processes of a user, from /proc: what the session command became.
enum SessionProcesses {
    struct Process: CustomStringConvertible {
        let pid: pid_t
        let name: String
        let home: String?
        var description: String { "\(pid) \(name)" }
    }

    /// The live processes owned by `user` whose command name starts with `prefix`; with
    /// `zombiesOf`, also those that ended and that process has not reaped.
    static func of(user: String, named prefix: String, zombiesOf parent: pid_t? = nil) -> [Process] {
        guard let account = getpwnam(user) else { return [] }
        let uid = account.pointee.pw_uid
        return ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
            guard let pid = pid_t(entry),
                  let status = try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8),
                  status.split(separator: "\n").contains(where: { $0.hasPrefix("Uid:\t\(uid)\t") }),
                  !status.contains("State:\tZ") || parent.map({ status.contains("\nPPid:\t\($0)\n") }) == true,
                  let name = try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8),
                  name.hasPrefix(prefix)
            else { return nil }
            let environment = (try? String(contentsOfFile: "/proc/\(entry)/environ", encoding: .utf8)) ?? ""
            let home = environment.split(separator: "\0").first { $0.hasPrefix("HOME=") }.map { String($0.dropFirst(5)) }
            return Process(pid: pid, name: name.trimmingCharacters(in: .newlines), home: home)
        }
    }
}
