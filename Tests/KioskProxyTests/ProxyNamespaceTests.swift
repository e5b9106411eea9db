import Foundation
import Glibc
import KioskProcessTestSupport
import Testing

/// The proxy tests' namespaces go away: when the test ends, with what runs in them, and when a
/// test run died before it could remove its own, at the next run's first namespace.
@Suite("The proxy tests' network namespaces")
struct ProxyNamespaceTests {
    static func namespaces() throws -> [String] {
        let list = try Spawned.run(ProxyNamespace.ip, ["netns", "list"], logPrefix: "/tmp/cmcproxy-test-\(UUID())")
        return list.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    @Test func aNamespaceOfADeadRunIsRemovedAndOursWithItsProcesses() throws {
        let workspace = try Workspace("proxy-netns")
        let ended = try Spawned.run("/bin/sh", ["-c", "echo $$"], logPrefix: workspace.file("sh"))
        let deadPID = try #require(Int32(ended.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let stale = "\(ProxyNamespace.prefix)\(deadPID)-1"
        _ = try Spawned.run(ProxyNamespace.ip, ["netns", "add", stale], logPrefix: workspace.file("add"))
        #expect(try Self.namespaces().contains(stale))

        let namespace = try ProxyNamespace(addresses: ["198.18.200.1"], workspace: workspace)
        #expect(try !Self.namespaces().contains(stale))
        #expect(try Self.namespaces().contains(namespace.name))
        let (program, arguments) = namespace.inside(["/bin/sleep", "600"])
        let sleeper = try Spawned(program, arguments, logPrefix: workspace.file("sleep"))
        Thread.sleep(forTimeInterval: 0.2)
        #expect(sleeper.isRunning)

        namespace.remove()
        #expect(try !Self.namespaces().contains(namespace.name))
        let deadline = Date().addingTimeInterval(5)
        while sleeper.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(!sleeper.isRunning, "what ran in the namespace was ended with it")
    }
}
