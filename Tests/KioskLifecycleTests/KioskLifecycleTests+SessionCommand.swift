import Foundation
import Glibc
import KioskProcessTestSupport
import Testing

extension KioskLifecycleTests {
    // MARK: The session command

    /// A session command whose shell leaves children behind it, one of which ignores SIGTERM:
    /// pulling the card ends every process of its group, the portal session and the ticket.
    @Test func removalKillsTheSessionCommandWithItsWholeProcessGroup() throws {
        let world = try Scenario("session-command") { workspace in
            let pids = workspace.file("session-pids")
            // `$$` is the group's leader. The stubborn child ignores SIGTERM: only the kiosk's
            // SIGKILL, 2 s later, ends it. The file appears whole (written, then renamed).
            let script = try workspace.write("session.sh", """
                sleep 600 &
                first=$!
                (trap '' TERM; exec sleep 600) &
                stubborn=$!
                echo "$$ $first $stubborn $CMC_UID" > \(pids).new && mv \(pids).new \(pids)
                wait

                """)
            return """
                [session]
                command = ["/bin/sh", "\(script)"]

                """
        }
        var started: [pid_t] = []
        defer {
            // Only if the test fails: nothing it made outlives it.
            for pid in started where ProcessProbe.isRunning(pid) { kill(pid, SIGKILL) }
            world.finish()
        }
        let card = try world.insertAndEnterPasscode(demo: "one-role")
        let signedIn = world.kiosk.wait(for: "Signed in as Nurse Amir Khan")
        #expect(signedIn.contains("Signed in as Nurse Amir Khan"), "\(signedIn)")

        let pidFile = world.workspace.file("session-pids")
        #expect(Poll.until(seconds: 20) { FileManager.default.fileExists(atPath: pidFile) },
                "the session command started and wrote its pids")
        let fields = ((try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace)
        started = fields.prefix(3).compactMap { pid_t($0) }
        try #require(started.count == 3, "leader, child, stubborn child: \(fields)")
        #expect(fields.last == "555100000002", "the command knows the UID: \(fields)")
        let leader = started[0]
        for pid in started {
            #expect(ProcessProbe.isRunning(pid), "\(pid) runs while signed in")
            #expect(ProcessProbe.stat(pid)?.group == leader, "\(pid) is in the command's own group")
        }
        #expect(ProcessProbe.runningMembers(of: leader).count == 3, "\(ProcessProbe.runningMembers(of: leader))")
        #expect(leader != getpgrp(), "not the test's group")
        let startedRecords = world.waitForAudit("session_command_started")
        #expect(startedRecords.count == 1, "\(world.auditText())")
        #expect(startedRecords.first?["uid"] as? String == "555100000002")
        let live = try world.simulator.status()
        #expect(live.sessions(uid: "555100000002").count == 1, "signed in at the portal: \(live)")

        world.removeAndExpectLock(card)
        // SIGTERM, 2 s for the group to end, then SIGKILL: well within 15 s even when busy.
        let emptied = Poll.until(seconds: 15) {
            started.allSatisfy { !ProcessProbe.isRunning($0) } && ProcessProbe.runningMembers(of: leader).isEmpty
        }
        let left = started.filter(ProcessProbe.isRunning)
        #expect(emptied, "every process of the group is gone: \(left), members \(ProcessProbe.runningMembers(of: leader))")
        for pid in started {
            errno = 0
            let probe = kill(pid, 0)
            #expect(probe == -1 && errno == ESRCH || ProcessProbe.stat(pid)?.state == "Z",
                    "\(pid): kill(pid, 0) = \(probe), errno \(errno), stat \(String(describing: ProcessProbe.stat(pid)))")
        }
        let stopped = world.waitForAudit("session_command_stopped")
        #expect(stopped.count == 1, "\(world.auditText())")
        #expect(stopped.first?["uid"] as? String == "555100000002")
        #expect(stopped.first?["outcome"] as? String == "killed", "the stubborn child needed SIGKILL: \(stopped)")
        #expect(world.kiosk.capture().contains("Insert your NHS smartcard"), "still locked")

        let after = try world.expectNothingLeftBehind()
        #expect(after.endedSessions.count == 1, "\(after)")
        #expect(Self.endedByLogout(after.endedSessions.first?["reason"] as? String), "\(after)")
        #expect(after.endedSessions.first?["logout_reason"] as? String == "card_removed", "\(after)")
    }
}
