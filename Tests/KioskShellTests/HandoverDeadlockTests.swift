import Dispatch
import Foundation
import KioskCore
import KioskShell
import Synchronization
import Testing

/// The interleaving a review found could stop the kiosk: a session command that needs the
/// terminal is starting, and its hand-over waits for the UI thread; meanwhile the card is pulled
/// (a teardown) and a key is pressed. Before, the start held the supervisor's lock across the
/// hand-over, the teardown waited for that lock on the runtime's queue, and the UI thread's key
/// handler waited for the runtime: none of the three could move.
@Suite("Teardown during a terminal hand-over")
struct HandoverDeadlockTests {
    @Test func aRemovalAndAKeyDuringTheHandOverLeaveTheKioskAnswering() async throws {
        let handover = HeldHandover()
        let kiosk = try await ShellHarness(
            sessionCommand: SessionCommandSettings(command: try CommandTemplate(["/bin/sh", "-c", "sleep 300"]), needsTerminal: true),
            terminal: handover.terminal)
        defer { Task { await kiosk.stop() } }
        try kiosk.insert("one-role")
        try #require(await kiosk.waitForPhase { if case .passcodeEntry = $0 { true } else { false } } != nil)
        kiosk.type("123456")
        try #require(await kiosk.waitForPhase { if case .signedIn = $0 { true } else { false } } != nil)
        try #require(await handover.waitUntilSuspending(), "the command's start asks for the terminal")

        // The start is now inside the hand-over. Pull the card and press a key, as a UI thread
        // with a key buffered would.
        kiosk.remove()
        kiosk.runtime.press(.down)

        #expect(Self.answers(kiosk, within: .seconds(2)), "the runtime answers while the hand-over waits")
        #expect(await kiosk.state.phase == .locked)

        handover.release()
        let ended = try await kiosk.waitForAudit(timeout: .seconds(10)) { events in
            events.contains("session_command_stopped") || events.contains("session_command_failed")
        }
        #expect(ended, "the start, then the teardown's stop, both ran")
        #expect(await kiosk.waitForTeardown(), "the teardown completed")
        #expect(handover.suspensions == handover.resumptions, "the terminal was given back")
    }

    /// Whether the runtime handles an event within `limit`, waited for off the cooperative pool.
    private static func answers(_ kiosk: ShellHarness, within limit: DispatchTimeInterval) -> Bool {
        let answered = DispatchSemaphore(value: 0)
        Task {
            _ = await kiosk.state
            answered.signal()
        }
        return answered.wait(timeout: .now() + limit) == .success
    }
}

/// A terminal whose hand-over waits, as the real one does for its UI thread, until released.
final class HeldHandover: Sendable {
    private let released = DispatchSemaphore(value: 0)
    private let counts = Mutex((suspending: false, suspensions: 0, resumptions: 0))

    var terminal: TerminalHandover {
        TerminalHandover(
            suspend: { [self] in
                counts.withLock { $0.suspending = true }
                released.wait()
                released.signal()
                counts.withLock { $0.suspensions += 1 }
            },
            resume: { [self] in counts.withLock { $0.resumptions += 1 } })
    }

    func release() { released.signal() }

    var suspensions: Int { counts.withLock { $0.suspensions } }
    var resumptions: Int { counts.withLock { $0.resumptions } }

    func waitUntilSuspending(timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if counts.withLock({ $0.suspending }) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}
