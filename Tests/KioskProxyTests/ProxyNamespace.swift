import Foundation
import Glibc
import KioskProcessTestSupport
import Synchronization

/// A network namespace of one test's own, `cmcproxy-PID-N`, with loopback up and the test's
/// addresses on it (198.18.200.1 for the proxy, 198.18.200.2 for the simulator): a proxy cannot
/// be tested on the machine's loopback, which never goes through one, and nothing here reaches
/// beyond the namespace.
///
/// ``remove()`` (also run by `deinit`) ends every process still in the namespace and deletes it;
/// namespaces left by test runs that died are deleted before a new one is made.
final class ProxyNamespace: @unchecked Sendable {
    static let prefix = "cmcproxy-"
    static let ip = "/usr/sbin/ip"
    private static let made = Atomic(0)

    let name: String
    private let workspace: Workspace
    private var removed = false

    init(addresses: [String], workspace: Workspace) throws {
        Self.removeStale()
        name = "\(Self.prefix)\(getpid())-\(Self.made.add(1, ordering: .relaxed).newValue)"
        self.workspace = workspace
        try run(["netns", "add", name])
        do {
            try run(["-n", name, "link", "set", "lo", "up"])
            for address in addresses { try run(["-n", name, "addr", "add", "\(address)/32", "dev", "lo"]) }
        } catch {
            remove()
            throw error
        }
    }

    deinit { remove() }

    /// `command` (an absolute program path and its arguments) as run inside the namespace.
    func inside(_ command: [String]) -> (String, [String]) {
        (Self.ip, ["netns", "exec", name] + command)
    }

    /// Kills what still runs in the namespace, then deletes it.
    func remove() {
        guard !removed else { return }
        removed = true
        Self.delete(name)
    }

    private func run(_ arguments: [String]) throws {
        let result = try Spawned.run(Self.ip, arguments, logPrefix: workspace.file("ip-\(UUID().uuidString.prefix(8))"))
        guard result.status == 0 else {
            throw LifecycleError.failed("ip \(arguments.joined(separator: " ")): \(result.stderr)")
        }
    }

    private static func delete(_ name: String) {
        let prefix = "/tmp/\(name)-\(UUID().uuidString.prefix(8))"
        if let pids = try? Spawned.run(ip, ["netns", "pids", name], logPrefix: prefix + "-pids") {
            for pid in pids.stdout.split(separator: "\n").compactMap({ pid_t($0) }) { kill(pid, SIGKILL) }
        }
        _ = try? Spawned.run(ip, ["netns", "del", name], logPrefix: prefix + "-del")
    }

    /// This suite's namespaces whose test process has ended.
    private static func removeStale() {
        guard let list = try? Spawned.run(ip, ["netns", "list"], logPrefix: "/tmp/cmcproxy-list-\(getpid())") else { return }
        for line in list.stdout.split(separator: "\n") {
            let name = String(line.split(separator: " ").first ?? "")
            guard name.hasPrefix(prefix),
                  let pid = name.dropFirst(prefix.count).split(separator: "-").first.flatMap({ pid_t($0) }),
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            delete(name)
        }
    }
}
