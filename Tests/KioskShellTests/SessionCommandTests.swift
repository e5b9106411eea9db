import Foundation
import Glibc
import KioskCore
import KioskShell
import Testing

/// The session command through the shell: started after sign-in with the session's details in
/// its environment, its whole process group ended at teardown, and a logout when it ends.
@Suite("The session command")
struct SessionCommandTests {
    @Test func removalEndsTheChildAndTheGrandchild() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let kiosk = try await ShellHarness(sessionCommand: SessionCommandSettings(
            command: try CommandTemplate(["/bin/sh", "-c", "\(scratch.write("$$", to: "group")); sleep 300 & sleep 300 & wait"])))
        defer { Task { await kiosk.stop() } }
        try await signIn(kiosk)
        let group = try await scratch.processGroup()
        defer { if !liveMembers(of: group).isEmpty { kill(-group, SIGKILL) } }
        #expect(await waitUntil { liveMembers(of: group).count == 3 }, "the shell and its two sleeps")

        kiosk.remove()
        let stopped = try await waitForStop(kiosk)
        #expect(stopped?["outcome"] as? String == "stopped")
        #expect(liveMembers(of: group).isEmpty)
        let events = try kiosk.auditedEvents().compactMap { $0["event"] as? String }
        #expect(events.contains("session_command_started"))
        #expect(events.firstIndex(of: "session_command_stopped").map { $0 > events.firstIndex(of: "card_removed") ?? .max } == true,
                "the command is stopped after the removal: \(events)")
    }

    @Test func aCommandIgnoringSIGTERMIsKilledAfterTwoSeconds() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let kiosk = try await ShellHarness(sessionCommand: SessionCommandSettings(
            command: try CommandTemplate(["/bin/sh", "-c", "trap '' TERM; \(scratch.write("$$", to: "group")); sleep 300"])))
        defer { Task { await kiosk.stop() } }
        try await signIn(kiosk)
        let group = try await scratch.processGroup()
        defer { if !liveMembers(of: group).isEmpty { kill(-group, SIGKILL) } }

        let removed = ContinuousClock.now
        kiosk.remove()
        let stopped = try await waitForStop(kiosk)
        let took = ContinuousClock.now - removed
        #expect(stopped?["outcome"] as? String == "killed")
        #expect(took > .milliseconds(1_500) && took < .seconds(6), "took \(took)")
        #expect(liveMembers(of: group).isEmpty)
    }

    @Test func shuttingDownReturnsOnlyOnceTheGroupIsGone() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let kiosk = try await ShellHarness(sessionCommand: SessionCommandSettings(
            command: try CommandTemplate(["/bin/sh", "-c", "trap '' TERM; \(scratch.write("$$", to: "group")); sleep 300"])))
        defer { Task { await kiosk.stop() } }
        try await signIn(kiosk)
        let group = try await scratch.processGroup()
        defer { if !liveMembers(of: group).isEmpty { kill(-group, SIGKILL) } }

        await kiosk.runtime.shutDown(within: .milliseconds(100))
        #expect(liveMembers(of: group).isEmpty)
        let stopped = try kiosk.auditedEvents().first { $0["event"] as? String == "session_command_stopped" }
        #expect(stopped?["outcome"] as? String == "killed")
        kiosk.remove()
    }

    @Test func theEnvironmentCarriesTheSessionAndNothingElse() async throws {
        setenv("KIOSK_TEST_MARKER", "must-not-leak", 1)
        let scratch = try Scratch()
        defer { scratch.remove() }
        let environ = scratch.path("environ")
        let kiosk = try await ShellHarness(sessionCommand: SessionCommandSettings(
            command: try CommandTemplate([
                "/bin/sh", "-c",
                "\(scratch.write("$$", to: "group")); cat /proc/$$/environ > \(environ).part && mv \(environ).part \(environ); exec sleep 300",
            ])))
        defer { Task { await kiosk.stop() } }
        try await signIn(kiosk)
        let group = try await scratch.processGroup()
        defer { if !liveMembers(of: group).isEmpty { kill(-group, SIGKILL) } }
        let contents = try await scratch.waitForFile("environ")
        let variables = Dictionary(
            contents.split(separator: "\0").map { line -> (String, String) in
                let parts = line.split(separator: "=", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }, uniquingKeysWith: { first, _ in first })
        let uid = try #require(await kiosk.state.card?.uid)

        #expect(variables["CMC_UID"] == uid)
        #expect(variables["CMC_ROLE_ID"] == (await signedInRoleID(kiosk)))
        #expect(variables["CMC_DISPLAY_NAME"] == "Nurse Amir Khan")
        #expect(variables["CMC_PORTAL_URL"] == kiosk.simulator.baseURL + "/")
        let handoff = try #require(variables["CMC_HANDOFF_URL"])
        #expect(handoff.hasPrefix(kiosk.simulator.baseURL) && handoff.contains("code="))
        let allowed: Set = [
            "PATH", "HOME", "LANG", "TERM", "DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY",
            "CMC_UID", "CMC_ROLE_ID", "CMC_DISPLAY_NAME", "CMC_PORTAL_URL", "CMC_HANDOFF_URL",
            "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY",
        ]
        #expect(Set(variables.keys).isSubset(of: allowed), "unexpected: \(Set(variables.keys).subtracting(allowed))")
        let own = ProcessInfo.processInfo.environment
        for (name, value) in variables where !name.hasPrefix("CMC_") {
            #expect(own[name] == value || name == "PATH", "\(name) is the kiosk's own")
        }
        let tickets = try await kiosk.liveTickets().compactMap { ($0["ticket"] as? String)?.dropLast() }
        #expect(!tickets.isEmpty)
        for ticket in tickets { #expect(!contents.contains(ticket), "the ticket is not passed") }
        #expect(!contents.contains("CMCSESSION") && !contents.contains("must-not-leak"))
        #expect(await waitUntil { (try? String(contentsOfFile: "/proc/\(group)/comm", encoding: .utf8)) == "sleep\n" })
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(group)/fd").sorted()
        #expect(descriptors == ["0", "1", "2"], "only the standard streams are open")

        kiosk.remove()
        #expect(try await waitForStop(kiosk)?["outcome"] as? String == "stopped")
        #expect(liveMembers(of: group).isEmpty)
    }

    @Test func aCommandEndingByItselfLogsOut() async throws {
        let kiosk = try await ShellHarness(sessionCommand: SessionCommandSettings(command: try CommandTemplate(["/bin/sh", "-c", "sleep 0.5"])))
        defer { Task { await kiosk.stop() } }
        try await signIn(kiosk)
        let ended = await kiosk.waitForPhase { if case .removeCard = $0 { true } else { false } }
        guard case .removeCard(let notice) = ended else {
            Issue.record("expected Remove your smartcard, got \(await kiosk.state.phase)")
            return
        }
        #expect(notice.headline == "You have logged out")
        #expect(try await kiosk.waitForSimulator { try await kiosk.liveSessions().isEmpty })
        #expect(try await waitForStop(kiosk)?["outcome"] as? String == "stopped")
        kiosk.remove()
    }

    @Test func aCommandEndingByItselfCanLeaveTheSessionOpen() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let kiosk = try await ShellHarness(sessionCommand: SessionCommandSettings(
            command: try CommandTemplate(["/bin/sh", "-c", scratch.write("done", to: "done")]), logoutWhenCommandExits: false))
        defer { Task { await kiosk.stop() } }
        try await signIn(kiosk)
        _ = try await scratch.waitForFile("done")
        try await Task.sleep(for: .seconds(1))
        guard case .signedIn = await kiosk.state.phase else {
            Issue.record("expected still signed in, got \(await kiosk.state.phase)")
            return
        }
        #expect(try await kiosk.liveSessions().count == 1)
        kiosk.remove()
        #expect(try await waitForStop(kiosk)?["outcome"] as? String == "stopped")
    }
}
