import Foundation
import Glibc
import KioskCore
import KioskShell
import Testing

/// Nothing a session command starts escapes its teardown: not a daemon (double fork and
/// `setsid`), not one that also ignores SIGTERM, not a child in a process group of its own. Each
/// with the session's own cgroup (where this machine lets the tests make one) and with the kiosk
/// as a child subreaper; the audit says what happened and how.
///
/// Serialized: with the subreaper, the kiosk's adopted orphans are taken for the session's, and
/// the tests' kiosks share one process.
@Suite("Session containment", .serialized)
struct SessionContainmentTests {
    /// The leader starts `middle.sh`, which puts `daemon.sh` in a session of its own (`setsid`) in
    /// the background and exits at once: the daemon is orphaned, and in neither the leader's group
    /// nor its session. Each writes its pid to a file of its name (the leader's is `group`).
    static func daemonizing(_ scratch: Scratch, ignoringTERM: Bool) throws -> [String] {
        let trap = ignoringTERM ? "trap '' TERM\n" : ""
        _ = try scratch.script("daemon.sh", """
            \(trap)echo $$ > $DIR/daemon.part && mv $DIR/daemon.part $DIR/daemon
            exec sleep 300
            """)
        _ = try scratch.script("middle.sh", """
            echo $$ > $DIR/middle.part && mv $DIR/middle.part $DIR/middle
            setsid /bin/sh $DIR/daemon.sh &
            """)
        return ["/bin/sh", try scratch.script("leader.sh", """
            \(trap)echo $$ > $DIR/group.part && mv $DIR/group.part $DIR/group
            /bin/sh $DIR/middle.sh
            exec sleep 300
            """)]
    }

    @Test(arguments: Containments.testable)
    func aDaemonIsGoneAfterRemoval(_ containment: SessionContainmentChoice) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        defer { scratch.killRecorded(["group", "daemon", "escaped"]) }
        let kiosk = try await ShellHarness(sessionCommand: SessionCommandSettings(
            command: try CommandTemplate(Self.daemonizing(scratch, ignoringTERM: false)), containment: containment))
        defer { Task { await kiosk.stop() } }
        try await signIn(kiosk)
        let leader = try await scratch.process("group")
        let daemon = try await scratch.process("daemon")
        try expectEscaped(daemon, from: leader, containment)

        kiosk.remove()
        let stopped = try #require(try await waitForStop(kiosk))
        #expect(stopped["outcome"] as? String == "stopped", "\(stopped)")
        #expect(stopped["containment"] as? String == Containments.name(containment), "\(stopped)")
        #expect(stopped["processes_left"] == nil)
        expectGone([leader, daemon])
    }

    @Test(arguments: Containments.testable)
    func aDaemonIgnoringSIGTERMIsKilled(_ containment: SessionContainmentChoice) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        defer { scratch.killRecorded(["group", "daemon", "escaped"]) }
        let kiosk = try await ShellHarness(sessionCommand: SessionCommandSettings(
            command: try CommandTemplate(Self.daemonizing(scratch, ignoringTERM: true)), containment: containment))
        defer { Task { await kiosk.stop() } }
        try await signIn(kiosk)
        let leader = try await scratch.process("group")
        let daemon = try await scratch.process("daemon")
        try expectEscaped(daemon, from: leader, containment)

        let removed = ContinuousClock.now
        kiosk.remove()
        let stopped = try #require(try await waitForStop(kiosk))
        let took = ContinuousClock.now - removed
        #expect(stopped["outcome"] as? String == "killed", "\(stopped)")
        #expect(stopped["containment"] as? String == Containments.name(containment), "\(stopped)")
        #expect(took > .milliseconds(1_500) && took < .seconds(6), "took \(took)")
        expectGone([leader, daemon])
    }

    /// A child that moves to a process group of its own (`setpgid`, no new session), and stays the
    /// leader's child until the leader ends.
    @Test(arguments: Containments.testable)
    func aChildInAGroupOfItsOwnIsGone(_ containment: SessionContainmentChoice) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        defer { scratch.killRecorded(["group", "daemon", "escaped"]) }
        _ = try scratch.script("escape.pl", """
            setpgrp(0, 0) or die "setpgid: $!";
            open(my $file, ">", "$DIR/escaped.part") or die; print $file $$; close $file;
            rename("$DIR/escaped.part", "$DIR/escaped") or die;
            exec "sleep", "300";
            """)
        let leaderScript = try scratch.script("leader.sh", """
            echo $$ > $DIR/group.part && mv $DIR/group.part $DIR/group
            /usr/bin/perl $DIR/escape.pl &
            wait
            """)
        let kiosk = try await ShellHarness(sessionCommand: SessionCommandSettings(
            command: try CommandTemplate(["/bin/sh", leaderScript]), containment: containment))
        defer { Task { await kiosk.stop() } }
        try await signIn(kiosk)
        let leader = try await scratch.process("group")
        let escaped = try await scratch.process("escaped")
        #expect(await waitUntil { escaped.now?.group == escaped.pid }, "in a group of its own: \(escaped)")
        #expect(escaped.now?.session == leader.now?.session, "but still in the leader's session")
        #expect(!liveMembers(of: leader.pid).contains("\(escaped.pid)"))

        kiosk.remove()
        let stopped = try #require(try await waitForStop(kiosk))
        #expect(stopped["outcome"] as? String == "stopped", "\(stopped)")
        #expect(stopped["containment"] as? String == Containments.name(containment), "\(stopped)")
        expectGone([leader, escaped])
    }

    /// The control: the old teardown's last word, SIGKILL to the leader's process group, does not
    /// reach the daemon, which would have survived it while the audit said `killed`. The new
    /// teardown ends it.
    @Test(arguments: Containments.testable)
    func theGroupKillAloneWouldHaveMissedTheDaemon(_ containment: SessionContainmentChoice) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        defer { scratch.killRecorded(["group", "daemon", "escaped"]) }
        let kiosk = try await ShellHarness(sessionCommand: SessionCommandSettings(
            command: try CommandTemplate(Self.daemonizing(scratch, ignoringTERM: true)), logoutWhenCommandExits: false,
            containment: containment))
        defer { Task { await kiosk.stop() } }
        try await signIn(kiosk)
        let leader = try await scratch.process("group")
        let daemon = try await scratch.process("daemon")

        kill(-leader.pid, SIGKILL)
        #expect(await waitUntil { liveMembers(of: leader.pid).isEmpty }, "the group is gone")
        try await Task.sleep(for: .milliseconds(300))
        #expect(daemon.isRunning, "the daemon outlived the group kill: \(daemon)")

        kiosk.remove()
        let stopped = try #require(try await waitForStop(kiosk))
        #expect(stopped["outcome"] as? String == "killed", "the daemon ignores SIGTERM: \(stopped)")
        #expect(stopped["containment"] as? String == Containments.name(containment), "\(stopped)")
        expectGone([leader, daemon])
    }

    /// In its own cgroup, the command is there before it runs: what it forks at once is there too,
    /// and the cgroup is removed at teardown.
    @Test(.enabled(if: Containments.cgroupWritable)) func theCgroupHoldsTheSessionFromItsFirstInstruction() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        defer { scratch.killRecorded(["group", "daemon", "escaped"]) }
        let kiosk = try await ShellHarness(sessionCommand: SessionCommandSettings(
            command: try CommandTemplate(Self.daemonizing(scratch, ignoringTERM: false)), containment: .cgroup))
        defer { Task { await kiosk.stop() } }
        try await signIn(kiosk)
        let leader = try await scratch.process("group")
        let daemon = try await scratch.process("daemon")
        let cgroup = try #require(leader.cgroup)
        #expect(cgroup.split(separator: "/").last?.hasPrefix("cmc-session-\(getpid())-") == true, "\(cgroup)")
        #expect(daemon.cgroup == cgroup)
        let own = try #require(SeenProcess(getpid())?.cgroup)
        let folder = try #require(Containments.cgroupFolder(of: cgroup))
        #expect(FileManager.default.fileExists(atPath: folder))

        kiosk.remove()
        #expect(try await waitForStop(kiosk)?["containment"] as? String == "cgroup")
        #expect(!FileManager.default.fileExists(atPath: folder), "the session's cgroup is removed")
        #expect(SeenProcess(getpid())?.cgroup == own, "the kiosk stayed where it was")
    }

    /// A program that cannot start (exec fails after the gate let it go) fails the start as before,
    /// and leaves neither a session cgroup nor a gate behind.
    @Test(arguments: Containments.testable)
    func aProgramThatCannotStartLeavesNothingBehind(_ containment: SessionContainmentChoice) async throws {
        let kiosk = try await ShellHarness(sessionCommand: SessionCommandSettings(
            command: try CommandTemplate(["/nonexistent/cmc-program"]), containment: containment))
        defer { Task { await kiosk.stop() } }
        // Not `signIn`: the signed-in screen may last less than its polling interval.
        try kiosk.insert("one-role")
        try #require(await kiosk.waitForPhase { if case .passcodeEntry = $0 { true } else { false } } != nil)
        kiosk.type("123456")
        #expect(try await kiosk.waitForAudit { $0.contains("session_command_failed") })
        let failed = try kiosk.auditedEvents().first { $0["event"] as? String == "session_command_failed" }
        #expect(failed?["reason"] as? String == "No such file or directory", "\(String(describing: failed))")
        #expect(await waitUntil { Self.leftOverSessionCgroups().isEmpty }, "\(Self.leftOverSessionCgroups())")
        #expect(await waitUntil { Self.gateFolders().isEmpty }, "\(Self.gateFolders())")
    }

    /// This process's session cgroups with no process in them (another test's may have some).
    static func leftOverSessionCgroups() -> [String] {
        guard let own = Containments.ownCgroupFolder else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: own)) ?? []
        return names.filter { name in
            name.hasPrefix("cmc-session-\(getpid())-")
                && (try? String(contentsOfFile: "\(own)/\(name)/cgroup.events", encoding: .utf8))?.contains("populated 0") == true
        }
    }

    /// The spawn gates' folders there are.
    static func gateFolders() -> [String] {
        let folder = FileManager.default.temporaryDirectory.path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix("cmc-gate-") }
    }

    /// A kiosk that ended without its teardown (killed, crashed) left a session cgroup with a
    /// process in it; the next kiosk to start a command there ends it and removes the cgroup.
    @Test(.enabled(if: Containments.cgroupWritable)) func aStaleSessionCgroupIsEndedAndRemoved() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        defer { scratch.killRecorded(["group"]) }
        let gone = Process()
        gone.executableURL = URL(filePath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let stale = try #require(Containments.ownCgroupFolder) + "/cmc-session-\(gone.processIdentifier)-1"
        try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: false)
        defer { rmdir(stale) }
        let leftBehind = Process()
        leftBehind.executableURL = URL(filePath: "/bin/sh")
        leftBehind.arguments = ["-c", "echo $$ > \(stale)/cgroup.procs && exec sleep 300"]
        try leftBehind.run()
        defer { if leftBehind.isRunning { kill(leftBehind.processIdentifier, SIGKILL) } }
        let staleProcess = try #require(SeenProcess(leftBehind.processIdentifier))
        #expect(await waitUntil { staleProcess.cgroup?.hasSuffix("/cmc-session-\(gone.processIdentifier)-1") == true })

        let kiosk = try await ShellHarness(sessionCommand: SessionCommandSettings(
            command: try CommandTemplate(["/bin/sh", "-c", "\(scratch.write("$$", to: "group")); exec sleep 300"]),
            containment: .cgroup))
        defer { Task { await kiosk.stop() } }
        try await signIn(kiosk)
        _ = try await scratch.process("group")
        #expect(await waitUntil { !staleProcess.isRunning }, "the left-behind process is ended: \(staleProcess)")
        #expect(await waitUntil { !FileManager.default.fileExists(atPath: stale) }, "and its cgroup removed")
        kiosk.remove()
        #expect(try await waitForStop(kiosk)?["outcome"] as? String == "stopped")
    }

    /// With the subreaper, the command stays in the kiosk's cgroup and its orphans come to the
    /// kiosk.
    @Test func theSubreaperAdoptsTheDaemon() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        defer { scratch.killRecorded(["group", "daemon", "escaped"]) }
        let kiosk = try await ShellHarness(sessionCommand: SessionCommandSettings(
            command: try CommandTemplate(Self.daemonizing(scratch, ignoringTERM: false)), containment: .subreaper))
        defer { Task { await kiosk.stop() } }
        try await signIn(kiosk)
        let leader = try await scratch.process("group")
        let daemon = try await scratch.process("daemon")
        #expect(leader.cgroup == SeenProcess(getpid())?.cgroup)
        #expect(await waitUntil { daemon.now?.parent == getpid() }, "adopted by the kiosk: \(daemon)")

        kiosk.remove()
        #expect(try await waitForStop(kiosk)?["containment"] as? String == "subreaper")
        expectGone([leader, daemon])
    }

    // MARK: -

    /// The daemon left the leader's process group and session: the group's signals cannot reach it.
    private func expectEscaped(_ daemon: SeenProcess, from leader: SeenProcess, _ containment: SessionContainmentChoice) throws {
        let now = try #require(daemon.now)
        #expect(now.session == daemon.pid && now.group == daemon.pid, "a session of its own: \(daemon)")
        #expect(now.group != leader.pid && now.session != leader.now?.session, "not in the leader's group or session")
        #expect(!liveMembers(of: leader.pid).contains("\(daemon.pid)"), "not in the leader's group")
        #expect(now.parent != leader.pid, "orphaned: \(daemon)")
        if containment == .subreaper { #expect(now.parent == getpid(), "adopted by the kiosk: \(daemon)") }
    }

    /// Each process has ended, by the time the audit says so, and none is a zombie left for the
    /// kiosk: reaped, or (an orphan of a cgroup session, when the kiosk is no subreaper) init's.
    private func expectGone(_ processes: [SeenProcess]) {
        for process in processes {
            #expect(!process.isRunning, "\(process) has ended")
            #expect(!process.isOurZombie, "\(process) is not left a zombie of the kiosk")
        }
    }
}
