import Foundation
import Glibc
import KioskProcessTestSupport
import Testing

/// The audit file stops taking lines while a clinician is signed in: the removal, the teardown
/// and the logouts still complete, only whole lines stay in the file, the lock screen warns, and
/// the warning goes once lines can be written again.
extension KioskAuditTests {
    @Test func aDiskThatFillsMidSessionLosesAuditLinesButNeitherTheTeardownNorTheNextSignIn() throws {
        let world = try AuditWorld("full-disk", auditFolderSize: 64 * 1024)
        defer { world.finish() }
        let card = try signIn(world)
        try world.fillAuditFolder()

        try expectRemovalCompletesAndWarns(world, card, lastLine: "test_padding")
        try world.freeAuditFolder()
        try expectNextCardClearsTheWarning(world)
    }

    /// A file size limit (`LimitFSIZE=`) reached: the write fails with EFBIG, another error than
    /// a full disk's. (SIGXFSZ kills nothing: the kiosk ignores it, and dispatch's threads, which
    /// write the audit, block it anyway; checked with the ignoring taken out.)
    @Test func aFileSizeLimitReachedMidSessionFailsTheWriteNotTheKiosk() throws {
        let world = try AuditWorld("file-size")
        defer { world.finish() }
        let card = try signIn(world)
        let pid = try #require(world.kiosk.pid(), "the kiosk process")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: world.auditPath)[.size] as? Int)
        try AuditWorld.run(["/usr/bin/prlimit", "--pid", "\(pid)", "--fsize=\(size):unlimited"])

        try expectRemovalCompletesAndWarns(world, card, lastLine: "portal_session_opened")
        try AuditWorld.run(["/usr/bin/prlimit", "--pid", "\(pid)", "--fsize=unlimited"])
        try expectNextCardClearsTheWarning(world)
    }

    /// The good card signed in, its session's opening in the audit file.
    private func signIn(_ world: AuditWorld) throws -> VirtualCard {
        let card = try world.scenario.insertAndEnterPasscode(demo: AuditWorld.card)
        #expect(world.kiosk.wait(for: AuditWorld.signedIn).contains(AuditWorld.signedIn))
        #expect(world.waitForAudit("portal_session_opened").count == 1)
        return card
    }

    /// `card` out: the lock screen with the warning, nothing left at the portal or Spine, the
    /// kiosk running, and no line of the removal in the file (which ends with `lastLine`).
    private func expectRemovalCompletesAndWarns(_ world: AuditWorld, _ card: VirtualCard, lastLine: String) throws {
        card.remove()
        let locked = world.kiosk.wait(for: AuditWorld.warning)
        #expect(locked.contains("Insert your NHS smartcard") && locked.contains(AuditWorld.warning), "\(locked)")
        try world.scenario.expectNothingLeftBehind(seconds: 20, "after the removal")
        world.expectKioskRunning("after the removal")
        let lines = AuditWorld.lines(world.auditPath)
        #expect(lines.last == "" && world.records().count == lines.count - 1, "only whole lines: \(lines.suffix(2))")
        #expect(world.events().last == lastLine, "no line of the removal was written: \(world.events())")
    }

    /// Room again: the next card signs in and out, its lines are written, and the warning goes.
    private func expectNextCardClearsTheWarning(_ world: AuditWorld) throws {
        let next = try world.scenario.insertAndEnterPasscode(demo: AuditWorld.card)
        #expect(world.kiosk.wait(for: AuditWorld.signedIn).contains(AuditWorld.signedIn))
        world.scenario.removeAndExpectLock(next)
        #expect(world.waitForAudit("teardown_complete").count == 1)
        #expect(!world.kiosk.capture().contains(AuditWorld.warning), "the warning has gone")
        try world.scenario.expectNothingLeftBehind(seconds: 20, "after the next card")
    }
}
