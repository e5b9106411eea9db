import Foundation
import Glibc
import KioskCore
@testable import KioskShell
import Testing

/// `[session] user`: the command runs as an unprivileged user of its own, which cannot signal,
/// trace or write to the kiosk (this test process, in the shell harness) nor touch its audit
/// file, in a fresh home for each session, removed once its processes are gone and before the
/// next card is read. Serialized: every test's commands run as the one test user, and the
/// kiosk ends every process of that user between sessions.
///
/// CI runs them as root. The unit's arrangement, a kiosk that is not root and holds the five
/// capabilities as ambient ones, is the same suite run as such a user (K, a system user made for
/// it with `useradd --system --user-group K`; it passed so before this was committed):
///
///     C=+setuid,+setgid,+kill,+chown,+dac_override; setpriv --reuid=K --regid=K --init-groups \
///       --inh-caps=$C --ambient-caps=$C --bounding-set=-all,$C --no-new-privs -- env HOME=/tmp \
///       .build/debug/cmc-kioskPackageTests.xctest --testing-library swift-testing --filter SessionUserTests
@Suite("The session user", .serialized)
struct SessionUserTests {
    @Test func theCommandRunsAsTheSessionUserWithNoCapabilitiesAndNoWayToGainOne() async throws {
        let world = try SessionUserWorld()
        defer { world.remove() }
        // The background sleep leaves the process group (setsid): the teardown must find it anyway.
        let kiosk = try await ShellHarness(sessionCommand: try world.settings(
            #"setsid sleep 300 & cat /proc/$$/environ > "$HOME/environ"; "#
                + #"echo $$ > "$HOME/pid.part" && mv "$HOME/pid.part" "$HOME/pid"; exec sleep 300"#))
        defer { Task { await kiosk.stop() } }
        try await signIn(kiosk)
        let (home, text) = try await world.waitForHomeFile("pid")
        let pid = try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        defer { if !liveMembers(of: pid).isEmpty { kill(-pid, SIGKILL) } }
        #expect(await waitUntil { (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) == "sleep\n" })

        let status = processStatus(pid)
        let (uid, gid) = (world.identity.uid, world.identity.gid)
        func numbers(_ field: String) -> [String] { status[field]?.split(whereSeparator: \.isWhitespace).map(String.init) ?? [] }
        #expect(numbers("Uid") == Array(repeating: "\(uid)", count: 4), "real, effective, saved, filesystem: \(status)")
        #expect(numbers("Gid") == Array(repeating: "\(gid)", count: 4), "\(status)")
        #expect(numbers("Groups") == ["\(gid)"], "only its own group: \(status)")
        for set in ["CapInh", "CapPrm", "CapEff", "CapAmb"] {
            #expect(status[set] == "0000000000000000", "\(set): \(status[set] ?? "?")")
        }
        // setpriv empties the bounding set where the kiosk may (with CAP_SETPCAP, as root). Under the
        // unit the kiosk cannot, and the set is systemd's CapabilityBoundingSet=, the kiosk's five:
        // out of reach all the same, since no_new_privs lets no program gain what it does not hold.
        let ownBounding = processStatus(getpid())["CapBnd"]
        let canEmpty = KioskCapabilities.current(.effective) & (1 << 8) != 0
        #expect(status["CapBnd"] == (canEmpty ? "0000000000000000" : ownBounding), "CapBnd: \(status["CapBnd"] ?? "?")")
        #expect(status["NoNewPrivs"] == "1", "no setuid program can raise it")

        // Its own account of its environment: a kiosk that is not root may not read /proc/PID/environ.
        let environment = try String(contentsOfFile: home + "/environ", encoding: .utf8).split(separator: "\0")
        #expect(environment.contains("HOME=\(home)") && environment.contains("TMPDIR=\(home)/tmp"), "\(environment)")
        #expect(environment.contains("USER=\(world.identity.name)") && environment.contains("LOGNAME=\(world.identity.name)"))
        #expect(ownership(home).map { [$0.uid, $0.gid, $0.mode] } == [uid, gid, 0o700])
        #expect(ownership(home + "/tmp").map { [$0.uid, $0.gid, $0.mode] } == [uid, gid, 0o700])
        #expect(ownership(world.homes.path).map { [$0.uid, $0.mode] } == [geteuid(), 0o711], "the kiosk's, closed to writers")
        let started = try kiosk.auditedEvents().first { $0["event"] as? String == "session_command_started" }
        #expect(started?["run_as"] as? String == world.identity.name)
        #expect(world.processesLeft().count == 2, "the command and the sleep that left its group")

        kiosk.remove()
        #expect(try await waitForStop(kiosk)?["outcome"] as? String == "stopped")
        #expect(world.processesLeft().isEmpty, "nothing of the session user is left, not even outside the group")
        #expect(world.currentHomes().isEmpty && ownership(home) == nil, "the home is gone")
    }

    @Test func theCommandCannotSignalTraceOrWriteToTheKioskNorTouchItsAuditFile() async throws {
        let world = try SessionUserWorld()
        defer { world.remove() }
        let shared = world.shared.path, homes = world.homes.path
        let kiosk = try await ShellHarness(sessionCommand: try world.settings("""
            pid=\(getpid()); audit=$(cat \(shared)/audit); r="$HOME/probes"
            probe() { name=$1; shift; if "$@" >/dev/null 2>"$HOME/err"; then echo "$name allowed" >> "$r.part"; \
            else echo "$name denied: $(tr '\\n' ' ' < "$HOME/err")" >> "$r.part"; fi; }
            probe signal kill -0 $pid
            if grep -q '^signal denied' "$r.part"; then probe stop kill -STOP $pid; fi
            probe trace-read sh -c 'exec 3<"$1"' sh /proc/$pid/mem
            probe trace-write sh -c 'exec 3>"$1"' sh /proc/$pid/mem
            probe environ cat /proc/$pid/environ
            probe descriptors ls /proc/$pid/fd
            probe audit-read cat "$audit"
            probe audit-append sh -c 'echo forged >> "$1"' sh "$audit"
            probe homes-write touch \(homes)/intruder
            probe homes-list ls \(homes)
            mv "$r.part" "$r"; exec sleep 300
            """))
        defer { Task { await kiosk.stop() } }
        try kiosk.auditFile.path.write(toFile: shared + "/audit", atomically: true, encoding: .utf8)
        try await signIn(kiosk)
        let probes = try await world.waitForHomeFile("probes").text.split(separator: "\n").map(String.init)

        let expected = [
            "signal": "Operation not permitted", "stop": "Operation not permitted",
            "trace-read": "Permission denied", "trace-write": "Permission denied", "environ": "Permission denied",
            "descriptors": "Permission denied", "audit-read": "Permission denied", "audit-append": "Permission denied",
            "homes-write": "Permission denied", "homes-list": "Permission denied",
        ]
        for (name, error) in expected {
            let line = probes.first { $0.hasPrefix(name + " ") }
            #expect(line?.hasPrefix("\(name) denied: ") == true && line?.contains(error) == true, "\(name): \(line ?? "not run")")
        }
        #expect(processStatus(getpid())["State"]?.hasPrefix("T") == false, "the kiosk was not stopped")
        let audit = try String(contentsOf: kiosk.auditFile, encoding: .utf8)
        #expect(!audit.contains("forged"))
        #expect(ownership(kiosk.auditFile.path).map { $0.mode & 0o137 == 0 } == true, "at most 0640")
        #expect(!FileManager.default.fileExists(atPath: homes + "/intruder"))

        kiosk.remove()
        #expect(try await waitForStop(kiosk)?["outcome"] as? String == "stopped")
    }

    @Test func eachSessionGetsAFreshHomeAndTheLastOneIsGoneBeforeTheNextCardIsRead() async throws {
        let world = try SessionUserWorld()
        defer { world.remove() }
        let previous = world.shared.appending(path: "previous").path
        // It reports what its home holds and whether it can read the last session's notes, writes
        // notes of its own, then ignores SIGTERM, so that its teardown takes two seconds.
        let kiosk = try await ShellHarness(sessionCommand: try world.settings("""
            l=$(ls -A "$HOME"); t=$(ls -A "$TMPDIR"); old=none
            if [ -r \(previous) ]; then p=$(cat \(previous))
                if cat "$p/notes" >/dev/null 2>&1; then old=readable; else old=unreadable; fi
                if [ -e "$p" ]; then old="$old, there"; else old="$old, absent"; fi
            fi
            echo "private notes of $$" > "$HOME/notes"; echo cached > "$TMPDIR/cache"
            printf '%s\\n' "home: $l" "tmp: $t" "last: $old" > "$HOME/report.part" && mv "$HOME/report.part" "$HOME/report"
            trap '' TERM; exec sleep 300
            """))
        defer { Task { await kiosk.stop() } }

        try await signIn(kiosk)
        let first = try await world.waitForHomeFile("report")
        #expect(first.text == "home: tmp\ntmp: \nlast: none\n", "an empty home: \(first.text)")
        #expect(FileManager.default.fileExists(atPath: first.home + "/notes"))
        try first.home.write(toFile: previous, atomically: true, encoding: .utf8)

        // The next card at once: its reading waits until the last session is gone, home and all.
        let removed = ContinuousClock.now
        kiosk.remove()
        try kiosk.insert("one-role")
        let passcode = await kiosk.waitForPhase(timeout: .seconds(15)) { if case .passcodeEntry = $0 { true } else { false } }
        let waited = ContinuousClock.now - removed
        try #require(passcode != nil)
        #expect(ownership(first.home) == nil, "the last home is gone before the next card is read")
        #expect(waited > .milliseconds(1_500), "the read waited for the SIGKILL two seconds on: \(waited)")
        let events = try kiosk.auditedEvents().compactMap { $0["event"] as? String }
        #expect(events.contains("session_command_stopped"), "\(events)")

        kiosk.type("123456")
        try #require(await kiosk.waitForPhase { if case .signedIn = $0 { true } else { false } } != nil)
        let second = try await world.waitForHomeFile("report", notIn: first.home)
        #expect(second.home != first.home)
        #expect(second.text == "home: tmp\ntmp: \nlast: unreadable, absent\n",
                "a new, empty home; the last session's notes gone: \(second.text)")
        #expect(ownership(second.home).map { [$0.uid, $0.gid, $0.mode] } == [world.identity.uid, world.identity.gid, 0o700])

        kiosk.remove()
        #expect(try await kiosk.waitForAudit(timeout: .seconds(10)) { $0.filter { $0 == "session_command_stopped" }.count == 2 })
        let outcomes = try kiosk.auditedEvents().filter { $0["event"] as? String == "session_command_stopped" }
        #expect(outcomes.map { $0["outcome"] as? String } == ["killed", "killed"])
        #expect(world.currentHomes().isEmpty)
    }

    @Test func homesLeftByAKioskThatCrashedAreRemovedAtStartWithoutFollowingLinks() async throws {
        let world = try SessionUserWorld()
        defer { world.remove() }
        let canary = world.shared.appending(path: "canary").path
        try "keep".write(toFile: canary, atomically: true, encoding: .utf8)
        // A crashed kiosk's session: a home full of the session user's files, a folder it made
        // unreadable, links out of the tree, and a process still running.
        let leftover = world.homes.appending(path: "5eed0000000000000000000000000000").path
        try FileManager.default.createDirectory(atPath: leftover, withIntermediateDirectories: true)
        chmod(world.homes.path, 0o711)
        chown(leftover, world.identity.uid, world.identity.gid)
        chmod(leftover, 0o700)
        let session = try Process.run(URL(filePath: SessionIdentity.setpriv), arguments: [
            "--reuid=\(world.identity.uid)", "--regid=\(world.identity.gid)", "--init-groups", "--",
            "/bin/sh", "-c", "cd \(leftover) && mkdir -p deep/er && echo x > deep/er/f && chmod 000 deep/er deep "
                + "&& ln -s \(canary) canary-link && ln -s \(world.shared.path) shared-link && touch ready && exec sleep 300",
        ])
        // Known as the test's own child: a subreaper teardown of another suite leaves it alone.
        KioskChildren.didSpawn(onThread: 0, leader: session.processIdentifier)
        defer {
            if session.isRunning { session.terminate() }
            KioskChildren.reaped(session.processIdentifier)
        }
        #expect(await waitUntil { FileManager.default.fileExists(atPath: leftover + "/ready") })
        #expect(world.processesLeft().count == 1)

        let kiosk = try await ShellHarness(sessionCommand: try world.settings("exec sleep 300"))
        defer { Task { await kiosk.stop() } }
        #expect(await waitUntil { world.currentHomes().isEmpty }, "left: \(world.currentHomes())")
        #expect(world.processesLeft().isEmpty, "the crashed session's process ended")
        #expect(try String(contentsOfFile: canary, encoding: .utf8) == "keep", "no link was followed")
        #expect(FileManager.default.fileExists(atPath: world.shared.path))
    }

    @Test func aHomeThatCannotBeMadeFailsTheStartInPlainWordsAndLogsOut() async throws {
        let world = try SessionUserWorld()
        defer { world.remove() }
        let canary = world.shared.appending(path: "canary").path
        try "keep".write(toFile: canary, atomically: true, encoding: .utf8)
        // The homes' folder is a link to elsewhere: refused, and nothing where it points is touched.
        try FileManager.default.createSymbolicLink(atPath: world.homes.path, withDestinationPath: world.shared.path)
        let kiosk = try await ShellHarness(sessionCommand: try world.settings("exec sleep 300"))
        defer { Task { await kiosk.stop() } }
        // Signed in only for a moment: the failed start logs out at once.
        try kiosk.insert("one-role")
        try #require(await kiosk.waitForPhase { if case .passcodeEntry = $0 { true } else { false } } != nil)
        kiosk.type("123456")
        #expect(try await kiosk.waitForAudit { $0.contains("session_command_failed") })
        let failed = try kiosk.auditedEvents().first { $0["event"] as? String == "session_command_failed" }
        let reason = try #require(failed?["reason"] as? String)
        #expect(reason.hasPrefix("no fresh home for the session: cannot open \(world.homes.path) as a folder"), "\(reason)")
        #expect(await kiosk.waitForTeardown(), "a command that cannot start logs out")
        #expect(try String(contentsOfFile: canary, encoding: .utf8) == "keep")
        kiosk.remove()
    }

    @Test func aProgramThatCannotRunFailsTheStartAsBeforeAndLeavesNoHome() async throws {
        let world = try SessionUserWorld()
        defer { world.remove() }
        let kiosk = try await ShellHarness(sessionCommand: SessionCommandSettings(
            command: try CommandTemplate(["/nonexistent/cmc-program"]),
            user: SessionUser(identity: world.identity, homeBase: world.homes.path)))
        defer { Task { await kiosk.stop() } }
        try kiosk.insert("one-role")
        try #require(await kiosk.waitForPhase { if case .passcodeEntry = $0 { true } else { false } } != nil)
        kiosk.type("123456")
        #expect(try await kiosk.waitForAudit { $0.contains("session_command_failed") })
        let failed = try kiosk.auditedEvents().first { $0["event"] as? String == "session_command_failed" }
        #expect(failed?["reason"] as? String == "No such file or directory", "not setpriv's start, then an exit")
        #expect(world.currentHomes().isEmpty, "the home made for it is gone")
        #expect(await kiosk.waitForTeardown())
        kiosk.remove()
    }

    @Test func homesAreMadeInTheKiosksFolderAndRemovedWithoutFollowingLinks() throws {
        let world = try SessionUserWorld()
        defer { world.remove() }
        let canary = world.shared.appending(path: "canary").path
        try "keep".write(toFile: canary, atomically: true, encoding: .utf8)
        let homes = SessionHomes(base: world.homes.path, identity: world.identity)
        try SessionHomes.prepare(base: world.homes.path)
        let home = try homes.make()
        #expect(home.path.hasPrefix(world.homes.path + "/") && world.currentHomes() == [home.path])
        #expect(URL(filePath: home.path).lastPathComponent.count == 16, "64 random bits, short enough for sockets in TMPDIR")
        #expect(ownership(home.path).map { [$0.uid, $0.gid, $0.mode] } == [world.identity.uid, world.identity.gid, 0o700])
        try FileManager.default.createSymbolicLink(atPath: home.path + "/canary", withDestinationPath: canary)
        try FileManager.default.createSymbolicLink(atPath: home.temporaryFolder + "/up", withDestinationPath: world.shared.path)
        #expect(homes.remove(home))
        #expect(ownership(home.path) == nil && FileManager.default.fileExists(atPath: canary))

        // A home nobody removed goes before the next is made: the folder never holds two.
        let kept = try homes.make()
        let next = try homes.make()
        #expect(next != kept && world.currentHomes() == [next.path])
        #expect(homes.removeLeftovers() && world.currentHomes().isEmpty)

        #expect(SessionHomes.problem(with: world.homes.path, owner: geteuid()) == nil)
        #expect(SessionHomes.problem(with: world.homes.path, owner: 4242)?.contains("belongs to user \(geteuid())") == true)
        try FileManager.default.createSymbolicLink(atPath: world.root.path + "/link", withDestinationPath: world.homes.path)
        #expect(SessionHomes.problem(with: world.root.path + "/link", owner: nil)?.contains("is not a folder") == true)
        chmod(world.root.path, 0o700)
        #expect(SessionHomes.problem(with: world.homes.path, owner: nil)?.contains("cannot reach") == true)
    }

    @Test func withoutAUserTheCommandRunsAsTheKiosksOwnUserAndTheAuditSaysSo() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let kiosk = try await ShellHarness(sessionCommand: SessionCommandSettings(
            command: try CommandTemplate(["/bin/sh", "-c", "\(scratch.write("$$", to: "group")); exec sleep 300"])))
        defer { Task { await kiosk.stop() } }
        try await signIn(kiosk)
        let group = try await scratch.processGroup()
        defer { if !liveMembers(of: group).isEmpty { kill(-group, SIGKILL) } }
        #expect(try await kiosk.waitForAudit { $0.contains("session_command_started") })
        let started = try kiosk.auditedEvents().first { $0["event"] as? String == "session_command_started" }
        #expect(started?["run_as"] as? String == SessionIdentity.kioskUserName)
        let status = processStatus(group)
        #expect(status["Uid"]?.split(whereSeparator: \.isWhitespace).first == "\(geteuid())")
        // A kiosk holding ambient capabilities (the unit's, for a session user) drops them for its
        // command; root's command is root's, as it always was.
        if KioskCapabilities.current(.ambient) != 0 {
            #expect(status["CapAmb"] == "0000000000000000" && status["CapEff"] == "0000000000000000", "\(status)")
        }
        kiosk.remove()
        #expect(try await waitForStop(kiosk)?["outcome"] as? String == "stopped")
    }
}
