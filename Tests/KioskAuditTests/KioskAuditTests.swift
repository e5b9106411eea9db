import Foundation
import Glibc
import KioskProcessTestSupport
import Testing

/// The real kiosk's audit log (`cmc-kiosk --config FILE` in tmux, `cmc-sim` over TLS, `cmc-vcard`
/// cards) on a private pcscd: a file that cannot be written mid-session (a full disk, a file size
/// limit), rotation while running, a terminal hang-up, and errors of nearly 1 MiB from the servers. Serialized: every test uses the same
/// private vpcd ports (36041/36042).
@Suite("cmc-kiosk's audit log", .serialized)
struct KioskAuditTests {
    @Test(arguments: [SIGHUP, SIGUSR1])
    func aRotatedAuditFileIsReopenedOnTheSignal(signal: Int32) throws {
        let world = try AuditWorld("rotate-\(signal)")
        defer { world.finish() }
        try insertAndTakeOut(world)
        #expect(world.waitForAudit("teardown_complete").count == 1)
        let rotated = world.auditPath + ".1"
        try FileManager.default.moveItem(atPath: world.auditPath, toPath: rotated)
        let pid = try #require(world.kiosk.pid(), "the kiosk process")

        kill(pid, signal)
        #expect(Poll.until(seconds: 5) { FileManager.default.fileExists(atPath: world.auditPath) }, "a new file")
        try insertAndTakeOut(world)
        #expect(world.waitForAudit("teardown_complete").count == 1)
        // The removal's lines come from concurrent steps, in either order.
        let oneCard = ["card_inserted", "card_removed", "teardown_complete"]
        #expect(world.events().sorted() == oneCard, "the next card in the new file")
        #expect(world.events(in: rotated).sorted() == oneCard, "the first card in the rotated one")
        let mode = try FileManager.default.attributesOfItem(atPath: world.auditPath)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        world.expectKioskRunning("after signal \(signal)")
        try world.scenario.expectNothingLeftBehind()
    }

    /// SIGHUP reopens the audit file only while the terminal is there: a terminal that hangs up
    /// (here tmux's server ending) still ends the kiosk, which logs out first.
    @Test func aTerminalThatHangsUpStillEndsTheKioskAndLogsOut() throws {
        let world = try AuditWorld("hang-up")
        defer { world.finish() }
        try world.scenario.insertAndEnterPasscode(demo: AuditWorld.card)
        #expect(world.kiosk.wait(for: AuditWorld.signedIn).contains(AuditWorld.signedIn))
        let pid = try #require(world.kiosk.pid(), "the kiosk process")

        world.kiosk.kill()
        #expect(Poll.until(seconds: 15) { kill(pid, 0) != 0 }, "the kiosk has ended")
        let after = try world.scenario.expectNothingLeftBehind(seconds: 10, "after the hang-up")
        #expect(after.endedSessions.first?["logout_reason"] as? String == "kiosk_shutdown", "\(after)")
    }

    @Test func errorsOfNearlyOneMebibyteFromGASAndThePortalAreCutInTheAuditLine() throws {
        let world = try AuditWorld("long-error")
        defer { world.finish() }
        try world.simulator.addFault(#"{"path_prefix":"/login/authvalidate","action":"long_error","times":1}"#)
        let card = try world.scenario.insertAndEnterPasscode(demo: AuditWorld.card)
        let refused = try #require(world.waitForAudit("spine_failed").first?["failure"] as? String)
        #expect(refused.hasPrefix("spine_refused:EÉÉ") && refused.hasSuffix("É…(cut)"), "\(refused.prefix(40))…\(refused.suffix(12))")
        #expect(refused.utf8.count <= 512)
        world.scenario.removeAndExpectLock(card)

        try world.simulator.addFault(#"{"path_prefix":"/api/smartcard/sessions","method":"POST","action":"long_error","times":1}"#)
        let next = try world.scenario.insertAndEnterPasscode(demo: AuditWorld.card)
        let failed = world.waitForAudit("portal_session_failed")
        #expect(failed.first?["failure"] as? String == "portal_refused", "\(failed)")
        world.scenario.removeAndExpectLock(next)
        #expect(world.waitForAudit("card_removed", count: 2).count == 2)
        let longest = AuditWorld.lines(world.auditPath).map(\.utf8.count).max() ?? 0
        #expect(longest < 1024, "every line is short: the longest has \(longest) bytes")
        world.expectKioskRunning()
        try world.scenario.expectNothingLeftBehind()
    }

    /// A card in, its passcode screen, the card out, the lock screen.
    private func insertAndTakeOut(_ world: AuditWorld) throws {
        let card = try world.scenario.insert(demo: AuditWorld.card)
        #expect(world.kiosk.wait(for: "Enter your passcode").contains("Enter your passcode"))
        world.scenario.removeAndExpectLock(card)
    }
}
