import Foundation
import Glibc
import KioskProcessTestSupport
import NetworkTestBed
import Testing

/// The real kiosk on a thin client's link: `cmc-kiosk --config FILE` in tmux, in the ward
/// namespace of a ``TestBed``, against cmc-sim over TLS in the spine namespace, every packet
/// crossing the userspace delay line (`cmc-delay-line`; this kernel has no `sch_netem`), with
/// pcscd and the `cmc-vcard` card local (root network namespace, private mount namespace).
/// Serialized: every test uses the same private vpcd ports (36061/36062) and bed addresses.
@Suite("cmc-kiosk on a thin client's link", .serialized)
struct KioskThinClientTests {
    /// The lock screen's bound after removal: pcscd's vpcd floor (≤ 400 ms) and a busy machine,
    /// far below the first logout try's 2 s, so a lock that waited for the network would fail.
    static let lockBound = 1.5

    /// Whether a portal session's end is the kiosk's logout (the DELETE or GAS's logout, whichever
    /// the simulator handled first).
    static func endedByLogout(_ session: [String: Any]?) -> Bool {
        ["logout", "spine_logout"].contains(session?["reason"] as? String ?? "")
    }

    @Test(arguments: [50, 300])
    func signInAndRemovalOnALossyLink(rttMilliseconds: Int) throws {
        let link = LinkConditions(rtt: .milliseconds(rttMilliseconds), jitter: .milliseconds(5), loss: 0.02)
        let world = try ThinClientWorld("rtt-\(rttMilliseconds)", link: link)
        defer { world.finish() }
        let started = Date()
        let card = try world.signIn()
        let signInSeconds = Date().timeIntervalSince(started)
        let live = try world.simulator.status()
        #expect(live.sessions(uid: ThinClientWorld.uid).count == 1 && live.tickets(uid: ThinClientWorld.uid).count == 1, "\(live)")

        let lockSeconds = world.removeAndTimeLock(card)
        #expect(lockSeconds <= Self.lockBound, "the lock came \(lockSeconds) s after removal")
        let after = try world.scenario.expectNothingLeftBehind(seconds: 30)
        #expect(after.endedSessions.count == 1 && Self.endedByLogout(after.endedSessions.first), "\(after)")
        #expect(after.endedSessions.first?["logout_reason"] as? String == "card_removed", "\(after)")
        let statistics = try world.bed.statistics()
        print("thin client at \(link): card in → signed in \(rounded(signInSeconds)) s, removal → lock \(rounded(lockSeconds)) s; "
              + "delay line \(statistics)")
        #expect(statistics.outbound.forwarded > 0 && statistics.inbound.forwarded > 0)
    }

    @Test func anOutageMidSessionLocksAtOnceAndTheLogoutsFinishOnceTheLinkReturns() throws {
        let world = try ThinClientWorld("outage", link: LinkConditions(rtt: .milliseconds(50)))
        defer { world.finish() }
        let card = try world.signIn()

        try world.bed.cut()
        let lockSeconds = world.removeAndTimeLock(card)
        #expect(lockSeconds <= Self.lockBound, "the lock came \(lockSeconds) s after removal, during the outage")
        // Past the first logout try (2 s): the logouts now retry in the background.
        Thread.sleep(forTimeInterval: 3)
        let during = try world.simulator.status()
        #expect(during.sessions(uid: ThinClientWorld.uid).count == 1, "the session lives while the link is down: \(during)")
        #expect(during.tickets(uid: ThinClientWorld.uid).count == 1, "\(during)")
        #expect(try world.bed.statistics().isDown)

        try world.bed.restore()
        let after = try world.scenario.expectNothingLeftBehind(seconds: 40, "after the link returned")
        #expect(after.endedSessions.count == 1 && Self.endedByLogout(after.endedSessions.first), "\(after)")
        #expect(after.endedSessions.first?["logout_reason"] as? String == "card_removed", "\(after)")
        #expect(world.kiosk.capture().contains(ThinClientWorld.lock))
    }

    @Test func anOutagePastTheLeaseLetsThePortalEndTheSession() throws {
        let lease = 6.0
        let world = try ThinClientWorld("lease", link: LinkConditions(rtt: .milliseconds(50)),
                                        simulatorOptions: ["--lease", "\(Int(lease))"])
        defer { world.finish() }
        let card = try world.signIn()

        try world.bed.cut()
        // The lease runs from the kiosk's last call; the simulator sweeps every second.
        let during = try world.simulator.waitForStatus(seconds: lease + 6) { $0.sessions.isEmpty }
        let ended = during.endedSessions(uid: ThinClientWorld.uid).first
        #expect(ended?["reason"] as? String == "lease_expired", "the portal ended it while the link was down: \(during)")
        #expect(ended?["logout_reason"] == nil, "no logout reached it: \(during)")
        #expect(try world.bed.statistics().isDown)

        try world.bed.restore()
        let told = world.kiosk.wait(for: "Remove your smartcard", seconds: 30)
        #expect(told.contains("You have been logged out") && told.contains("The portal stopped hearing from this kiosk"), "\(told)")
        #expect(told.contains("Remove your smartcard"), "\(told)")
        try world.scenario.expectNothingLeftBehind(seconds: 30, "the ticket is logged out too")
        #expect(world.removeAndTimeLock(card) <= Self.lockBound)
    }

    @Test func theKioskOverSSHWorksAt80x24RedrawsOnResizeAndLogsOutOnHangUp() throws {
        let world = try ThinClientWorld("ssh", link: LinkConditions(rtt: .milliseconds(50)), overSSH: true)
        defer { world.finish() }
        let tmux = world.kiosk.tmux
        #expect(tmux.display("#{window_width}x#{window_height}") == "80x24")
        let lock = world.kiosk.capture()
        #expect(lock.contains(ThinClientWorld.lock) && lock.contains("TEST"), "the lock screen at 80×24: \(lock)")
        _ = try world.signIn()
        let kiosks = world.kioskProcesses()
        #expect(kiosks.count == 1, "one kiosk on the ward: \(kiosks)")

        try tmux.resize(columns: 100, rows: 30)
        let wide = tmux.wait(seconds: 15, until: Self.usesMoreThan80x24)
        #expect(Self.usesMoreThan80x24(wide), "redrawn at 100×30: \(wide)")
        #expect(wide.contains(ThinClientWorld.signedIn), "\(wide)")

        let clients = Self.sshClients(in: world.bed)
        #expect(clients.count == 1, "the test's ssh client: \(clients)")
        for client in clients { kill(client, SIGKILL) }
        #expect(Poll.until(seconds: 20) { world.kioskProcesses().isEmpty }, "the kiosk ended on the hang-up: \(world.kioskProcesses())")
        let after = try world.scenario.expectNothingLeftBehind(seconds: 30, "after the hang-up")
        #expect(after.endedSessions.first?["logout_reason"] as? String == "kiosk_shutdown", "\(after)")
        let teardown = world.scenario.waitForAudit("teardown_complete").first
        #expect(teardown?["reason"] as? String == "kiosk_shutdown", "the kiosk tore down for the hang-up: \(world.scenario.auditText())")
    }

    /// Whether the screen has text right of column 80 or below row 24.
    private static func usesMoreThan80x24(_ screen: String) -> Bool {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.contains { $0.count > 80 } || lines.dropFirst(24).contains { !$0.allSatisfy(\.isWhitespace) }
    }

    /// The ssh processes on the WAN router.
    private static func sshClients(in bed: TestBed) -> [pid_t] {
        let listed = (try? Spawned.run("/usr/sbin/ip", ["netns", "pids", bed.namespaces[.wan]!], logPrefix: "\(bed.folder)/ssh-pids"))?.stdout ?? ""
        return listed.split(separator: "\n").compactMap { pid_t($0) }.filter {
            (try? String(contentsOfFile: "/proc/\($0)/comm", encoding: .utf8)) == "ssh\n"
        }
    }
}

private func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
