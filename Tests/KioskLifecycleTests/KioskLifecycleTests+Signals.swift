import Foundation
import Glibc
import KioskProcessTestSupport
import Testing

/// Signals sent to the running kiosk: the end signal logs out and gives the terminal back; the
/// keyboard's signals are ignored outside the demo; SIGKILL is left to the portal's lease; a
/// crash still gives the terminal back. (SIGHUP reopens the audit file while the terminal is
/// there and ends the kiosk once it has hung up: KioskAuditTests.)
extension KioskLifecycleTests {
    /// Once the kiosk has ended, its terminal runs a plain `sh` (no line editing of its own, so
    /// what is typed shows and runs only if the terminal is back in its normal mode).
    static let shellAfterExit = "exec /bin/sh"

    @Test(arguments: [SIGTERM])
    func anEndSignalWhileSignedInLogsOutRestoresTheTerminalAndExitsZero(signal: Int32) throws {
        let world = try Scenario("signal-\(signal)", afterKioskExit: Self.shellAfterExit)
        defer { world.finish() }
        try world.insertAndEnterPasscode(demo: "one-role")
        #expect(world.kiosk.wait(for: "Signed in as Nurse Amir Khan").contains("Signed in as Nurse Amir Khan"))
        #expect(try world.simulator.status().sessions.count == 1)
        let pid = try #require(world.kiosk.pid(), "the kiosk process")

        kill(pid, signal)
        let exited = world.kiosk.wait(for: "KIOSK-EXIT-", seconds: 15)
        #expect(exited.contains("KIOSK-EXIT-0"), "exit status 0: \(exited)")
        let after = try world.expectNothingLeftBehind(seconds: 10, "after signal \(signal)")
        #expect(after.endedSessions.count == 1, "\(after)")
        // The kiosk sends the portal and the Spine logout together: whichever the simulator
        // handles first ends the session (`logout`, or `spine_logout` through the ticket), and the
        // portal logout's reason is recorded either way. (The soak saw each about half the time.)
        #expect(["logout", "spine_logout"].contains(after.endedSessions.first?["reason"] as? String), "\(after)")
        #expect(after.endedSessions.first?["logout_reason"] as? String == "kiosk_shutdown", "\(after)")
        expectTerminalRestored(world)
    }

    @Test(arguments: [SIGINT, SIGTSTP, SIGQUIT])
    func keyboardSignalsAreIgnoredOutsideTheDemo(signal: Int32) throws {
        let world = try Scenario("ignored-\(signal)")
        defer { world.finish() }
        let card = try world.insertAndEnterPasscode(demo: "one-role")
        #expect(world.kiosk.wait(for: "Signed in as Nurse Amir Khan").contains("Signed in as Nurse Amir Khan"))
        let pid = try #require(world.kiosk.pid(), "the kiosk process")

        kill(pid, signal)
        Thread.sleep(forTimeInterval: 1.5)
        #expect(ProcessProbe.isRunning(pid), "the kiosk still runs")
        #expect(ProcessProbe.stat(pid)?.state != "T", "the kiosk is not stopped")
        let screen = world.kiosk.capture()
        #expect(screen.contains("Signed in as Nurse Amir Khan") && !screen.contains("KIOSK-EXIT-"), "\(screen)")
        let live = try world.simulator.status()
        #expect(live.sessions.count == 1 && live.endedSessions.isEmpty, "still signed in: \(live)")
        // Still working: the card out locks as ever.
        world.removeAndExpectLock(card)
        try world.expectNothingLeftBehind()
    }

    @Test func sigkillWhileSignedInLeavesTheSessionToThePortalsLease() throws {
        let lease = 6.0
        let world = try Scenario("sigkill", simulatorOptions: ["--lease", "\(Int(lease))"])
        defer { world.finish() }
        try world.insertAndEnterPasscode(demo: "one-role")
        #expect(world.kiosk.wait(for: "Signed in as Nurse Amir Khan").contains("Signed in as Nurse Amir Khan"))
        let pid = try #require(world.kiosk.pid(), "the kiosk process")

        kill(pid, SIGKILL)
        let killed = Date()
        #expect(world.kiosk.wait(for: "KIOSK-EXIT-137", seconds: 5).contains("KIOSK-EXIT-137"))
        // The lease runs from the kiosk's last call (at most a lease third before the kill); the
        // simulator sweeps every second; 3 s more for a busy machine.
        let after = try world.simulator.waitForStatus(seconds: lease + 4) { $0.sessions.isEmpty }
        #expect(after.sessions.isEmpty, "the session ended: \(after)")
        let ended = try #require(after.endedSessions.first, "\(after)")
        #expect(ended["reason"] as? String == "lease_expired", "\(after)")
        #expect(ended["logout_reason"] == nil, "nothing logged it out: \(after)")
        let endedAt = try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(ended["ended_at"] as? String ?? "")
        #expect(endedAt.timeIntervalSince(killed) <= lease + 2, "ended \(endedAt.timeIntervalSince(killed)) s after the kill")
    }

    /// A crash (what a Swift trap or a bad pointer raises) ends the kiosk as the signal says,
    /// with the terminal given back first: normal modes, the main screen, the cursor shown.
    @Test(arguments: [SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP])
    func aFatalSignalStillGivesTheTerminalBack(signal: Int32) throws {
        let world = try Scenario("fatal-\(signal)", afterKioskExit: Self.shellAfterExit)
        defer { world.finish() }
        #expect(world.kiosk.tmux.display("#{alternate_on} #{cursor_flag}") == "1 0", "the kiosk's screen is up")
        let pid = try #require(world.kiosk.pid(), "the kiosk process")

        kill(pid, signal)
        let exited = world.kiosk.wait(for: "KIOSK-EXIT-", seconds: 15)
        #expect(exited.contains("KIOSK-EXIT-\(128 + signal)"), "ended by the signal: \(exited)")
        expectTerminalRestored(world)
    }

    /// The terminal is as a shell wants it: the main screen, the cursor visible, and a command
    /// typed into `sh` echoed and run (neither happens in raw mode without echo).
    private func expectTerminalRestored(_ world: Scenario, sourceLocation: SourceLocation = #_sourceLocation) {
        let tmux = world.kiosk.tmux
        #expect(tmux.display("#{alternate_on}") == "0", "the main screen is back", sourceLocation: sourceLocation)
        #expect(tmux.display("#{cursor_flag}") == "1", "the cursor is visible", sourceLocation: sourceLocation)
        try? world.kiosk.type("echo typed-$((6*7))")
        try? world.kiosk.send("Enter")
        let shell = tmux.wait(for: "typed-42", seconds: 5)
        #expect(shell.contains("echo typed-$((6*7))"), "the typed command is echoed: \(shell)", sourceLocation: sourceLocation)
        #expect(shell.contains("\ntyped-42"), "and run: \(shell)", sourceLocation: sourceLocation)
    }
}
