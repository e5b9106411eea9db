import Foundation
import Glibc
import KioskProcessTestSupport
import NetworkTestBed
import PCSCTestSupport
import TerminalTestSupport
import Testing

/// The network test bed with real traffic. The link emulation is the userspace delay line
/// (`cmc-delay-line` between two TUN devices): this kernel has no `sch_netem`. Round-trip times
/// asked are measured as curl's TCP connect time from the ward to cmc-sim in the spine; loss
/// as the delay line's counts over 400 UDP datagrams; the proxy is a real tinyproxy.
/// Serialized: the beds use the same fixed addresses, each in namespaces of its own.
@Suite("The thin-client network test bed", .serialized)
struct NetworkTestBedTests {
    @Test func theRoundTripTimeIsTheOneAsked() throws {
        let bed = try TestBed(name: "rtt")
        defer { bed.tearDown() }
        let probe = try BedProbe(bed, name: "rtt")
        defer { probe.stop() }
        for (asked, tolerance) in [(0.0, 15.0), (50, 25), (300, 60)] {
            try bed.setLink(rtt: .milliseconds(asked))
            let fetches = try (0..<3).map { _ in try probe.fetch(probe.statusURL) }
            #expect(fetches.allSatisfy { $0.code == 200 }, "\(fetches)")
            let connect = fetches.map { $0.connect * 1_000 }.sorted()[1]
            let request = fetches.map(\.requestMilliseconds).sorted()[1]
            print("userspace delay line (no netem): RTT asked \(asked) ms, TCP connect \(rounded(connect)) ms, "
                  + "HTTP request over TLS \(rounded(request)) ms")
            #expect(connect >= asked * 0.95 && connect <= asked + tolerance, "TCP connect \(connect) ms at \(asked) ms asked")
            #expect(request >= asked * 0.95 && request <= asked + tolerance + 30, "request \(request) ms at \(asked) ms asked")
        }
    }

    @Test func lossDropsAboutTheShareAsked() throws {
        let bed = try TestBed(name: "loss", link: LinkConditions(rtt: .milliseconds(10), loss: 0.2))
        defer { bed.tearDown() }
        let before = try bed.statistics()
        let sent = 400
        let script = "for i in $(seq \(sent)); do echo datagram-$i > /dev/udp/\(BedAddress.spine)/9; done"
        let result = try bed.run(["/bin/bash", "-c", script], on: .ward)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Poll.until(seconds: 5) { ((try? bed.statistics().outbound.total) ?? 0) - before.outbound.total >= sent })
        let after = try bed.statistics()
        let dropped = after.outbound.dropped - before.outbound.dropped
        let total = after.outbound.total - before.outbound.total
        let share = Double(dropped) / Double(total)
        print("userspace delay line (no netem): 20 % loss asked, \(dropped) of \(total) datagrams dropped (\(rounded(share * 100)) %)")
        #expect(total >= sent && total <= sent + 10, "\(after)")
        #expect((0.12...0.28).contains(share), "\(dropped) of \(total) dropped")
    }

    /// Jitter larger than the gap between packets would reorder them; the delay line keeps each
    /// direction in order.
    @Test func jitterNeverReordersPackets() throws {
        let bed = try TestBed(name: "order", link: LinkConditions(rtt: .milliseconds(100), jitter: .milliseconds(40)))
        defer { bed.tearDown() }
        let count = 200
        let receiver = """
            import socket
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(("\(BedAddress.spine)", 9999))
            print("bound", flush=True)
            s.settimeout(10)
            for _ in range(\(count)):
                print(s.recv(64).decode(), flush=True)
            """
        let launcher = bed.launcher(for: .spine)
        let listener = try Spawned(launcher[0], Array(launcher.dropFirst()) + ["/usr/bin/python3", "-c", receiver],
                                   logPrefix: "\(bed.folder)/receiver")
        defer { listener.stop() }
        #expect(listener.firstLine(seconds: 10) == "bound")
        let script = "for i in $(seq \(count)); do echo $i > /dev/udp/\(BedAddress.spine)/9999; done"
        #expect(try bed.run(["/bin/bash", "-c", script], on: .ward).status == 0)
        #expect(Poll.until(seconds: 10) { !listener.isRunning }, "every datagram arrived: \(listener.stdoutText.suffix(80))")
        let received = listener.stdoutText.split(separator: "\n").dropFirst().compactMap { Int($0) }
        #expect(received == Array(1...count), "in order: \(received.prefix(20))…")
    }

    @Test func aCutStopsTrafficAndRestoreBringsItBack() throws {
        let bed = try TestBed(name: "cut", link: LinkConditions(rtt: .milliseconds(20)))
        defer { bed.tearDown() }
        let probe = try BedProbe(bed, name: "cut")
        defer { probe.stop() }
        #expect(try probe.fetch(probe.statusURL).code == 200)

        try bed.cut()
        let cut = try bed.statistics()
        let during = try probe.fetch(probe.statusURL, maxTime: 2)
        #expect(during.status != 0 && during.code == 0, "no answer during the outage: \(during)")
        let afterCut = try bed.statistics()
        #expect(afterCut.isDown)
        #expect(afterCut.outbound.dropped > cut.outbound.dropped, "the SYNs were dropped: \(afterCut)")
        #expect(afterCut.outbound.forwarded == cut.outbound.forwarded && afterCut.inbound.forwarded == cut.inbound.forwarded)

        try bed.restore()
        #expect(try bed.statistics().isDown == false)
        #expect(try probe.fetch(probe.statusURL).code == 200, "traffic again after restore")
        print("userspace delay line (no netem): outage dropped \(afterCut.outbound.dropped - cut.outbound.dropped) packets")
    }

    @Test func theProxyAsksForCredentialsAndRefusesAFilteredHost() throws {
        let credentials = ProxySetup.Credentials(user: "ward", password: "s3cret-proxy")
        let bed = try TestBed(name: "proxy", proxy: ProxySetup(credentials: credentials, allowedHosts: [BedAddress.spine]))
        defer { bed.tearDown() }
        let probe = try BedProbe(bed, name: "proxy")
        defer { probe.stop() }

        let anonymous = try probe.fetch(probe.statusURL, options: ["-x", bed.proxyURL])
        #expect(anonymous.connectCode == 407, "\(anonymous)")
        let wrong = try probe.fetch(probe.statusURL, options: ["-x", bed.proxyURL, "--proxy-user", "ward:wrong"])
        // tinyproxy 1.11 answers credentials it does not know with 401, not 407.
        #expect(wrong.connectCode == 401, "\(wrong)")
        let signedIn = try probe.fetch(probe.statusURL, options: ["-x", bed.proxyURL, "--proxy-user", "ward:s3cret-proxy"])
        #expect(signedIn.connectCode == 200 && signedIn.code == 200, "\(signedIn)")
        let filtered = try probe.fetch("https://198.18.1.4:443/", options: ["-x", bed.proxyURL, "--proxy-user", "ward:s3cret-proxy"])
        #expect(filtered.connectCode == 403, "\(filtered)")
        #expect(bed.proxyLog.contains("CONNECT"), "tinyproxy logged the tunnel: \(bed.proxyLog)")
    }

    @Test func aSpineWithNoRouteBackIsReachedOnlyThroughTheProxy() throws {
        let bed = try TestBed(name: "no-route", proxy: .open, spineReachesWard: false)
        defer { bed.tearDown() }
        let probe = try BedProbe(bed, name: "no-route")
        defer { probe.stop() }
        let direct = try probe.fetch(probe.statusURL, maxTime: 3)
        #expect(direct.status != 0 && direct.code == 0, "no direct answer: \(direct)")
        let proxied = try probe.fetch(probe.statusURL, options: ["-x", bed.proxyURL])
        #expect(proxied.connectCode == 200 && proxied.code == 200, "through the proxy: \(proxied)")
    }

    @Test func sshFromTheWANReachesTheWardsForcedCommand() throws {
        let bed = try TestBed(name: "ssh", link: LinkConditions(rtt: .milliseconds(20)))
        defer { bed.tearDown() }
        try bed.startSSHD(forceCommand: "echo forced-command-ran")
        let session = try Spawned.run("/bin/sh", ["-c", bed.sshCommand()], logPrefix: "/tmp/netbed-ssh-\(getpid())")
        #expect(session.stdout.contains("forced-command-ran"), "the forced command ran: \(session.stdout) \(session.stderr) \(bed.sshdLog)")
        #expect(try bed.statistics().outbound.forwarded > 10, "the session crossed the delay line")
    }

    @Test func tearDownLeavesNoNamespaceOrProcessAndStaleBedsGo() throws {
        let stalePID = try Self.deadProcessID()
        let stale = "cmcw-\(stalePID)-1"
        #expect(try Spawned.run("/usr/sbin/ip", ["netns", "add", stale], logPrefix: "/tmp/netbed-stale-\(getpid())").status == 0)
        let bed = try TestBed(name: "teardown", proxy: .open)
        defer { bed.tearDown() }
        #expect(!Self.namespaceNames().contains(stale), "the dead process's bed was removed")
        try bed.startSSHD(forceCommand: "true")

        var pids = bed.namespaces.values.flatMap(Self.processes(in:))
        pids += try #require(bed.delayLinePID.map { [$0] })
        #expect(pids.count >= 3, "delay line, tinyproxy, sshd: \(pids)")
        bed.tearDown()
        bed.tearDown()

        let left = Set(bed.namespaces.values).intersection(Self.namespaceNames())
        #expect(left.isEmpty, "namespaces left: \(left)")
        #expect(pids.allSatisfy { kill($0, 0) != 0 }, "processes left: \(pids.filter { kill($0, 0) == 0 })")
        #expect(!FileManager.default.fileExists(atPath: bed.folder))
    }

    @Test(arguments: [
        (["dl-a", "dl-b"], "Missing expected argument '--control <path>'"),
        (["dl-a", "dl-b", "--control", "/tmp/netbed-unused.sock", "--loss", "2"], "loss 2.0: a share from 0 to 1"),
        (["dl-with-a-long-name", "dl-b", "--control", "/tmp/netbed-unused.sock"], "dl-with-a-long-name: a TUN device name has 1 to 15 characters and no /"),
        (["dl:a", "dl-b", "--control", "/tmp/netbed-unused.sock"], "cannot create TUN device dl:a (ioctl TUNSETIFF): Invalid argument"),
    ])
    func theDelayLineRefusesBadArgumentsInOneLine(arguments: [String], message: String) throws {
        let result = try Spawned.run(Tmux.builtProgram("cmc-delay-line"), arguments, logPrefix: "/tmp/netbed-arguments-\(getpid())")
        #expect(result.status == 1)
        #expect(result.stderr == "cmc-delay-line: \(message)\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func theDelayLineEndsWhenItsStandardInputClosesAndItsDevicesGoWithIt() throws {
        let control = "/tmp/netbed-stdin-\(getpid()).sock"
        let line = try Spawned(Tmux.builtProgram("cmc-delay-line"), ["dl-in-\(getpid())", "dl-out-\(getpid())", "--control", control],
                               holdStdinOpen: true, logPrefix: "/tmp/netbed-stdin-\(getpid())")
        defer {
            line.stop()
            for path in [line.stdoutPath, line.stderrPath] { unlink(path) }
        }
        #expect(line.firstLine(seconds: 10) == "ready")
        #expect(FileManager.default.fileExists(atPath: "/sys/class/net/dl-in-\(getpid())"))
        line.closeStdin(waitSeconds: 5)
        #expect(!line.isRunning)
        #expect(!FileManager.default.fileExists(atPath: "/sys/class/net/dl-in-\(getpid())"), "the TUN devices are gone")
        #expect(!FileManager.default.fileExists(atPath: control), "the control socket is removed")
    }

    private static func namespaceNames() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: "/run/netns")) ?? []
    }

    private static func processes(in namespace: String) -> [pid_t] {
        let listed = try? Spawned.run("/usr/sbin/ip", ["netns", "pids", namespace], logPrefix: "/tmp/netbed-pids-\(getpid())")
        return (listed?.stdout ?? "").split(separator: "\n").compactMap { pid_t($0) }
    }

    /// The pid of a process that has ended and been reaped.
    private static func deadProcessID() throws -> pid_t {
        let child = try Spawned("/bin/true", [], logPrefix: "/tmp/netbed-true-\(getpid())")
        #expect(Poll.until(seconds: 5) { !child.isRunning })
        for path in [child.stdoutPath, child.stderrPath] { unlink(path) }
        return child.pid
    }
}

private func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

/// The ward's launcher composes with a private pcscd's: a program in the ward's network
/// namespace and the pcscd's mount namespace sees that pcscd's readers (its socket is a file,
/// which no network namespace hides). A second private pcscd of the thin-client tests' ports.
@Suite("The network test bed with a private pcscd")
struct NetworkTestBedPCSCTests {
    @Test func aProgramOnTheWardReachesThePrivatePCSCD() async throws {
        let pcscd = try await PrivatePCSCD.started(friendlyName: "Bed PCD", readerPort: 36063)
        defer { pcscd.shutDown() }
        let bed = try TestBed(name: "pcscd")
        defer { bed.tearDown() }
        let command = bed.launcher(for: .ward) + pcscd.namespaced([PrivatePCSCD.builtProgram("cmc-readers"), "--filter", "Bed PCD"])
        let readers = try Spawned(command[0], Array(command.dropFirst()), holdStdinOpen: true, logPrefix: "\(bed.folder)/cmc-readers")
        defer { readers.stop() }
        #expect(Poll.until(seconds: 20) { readers.stdoutText.contains(#"reader-added "Bed PCD 00 00""#) }, "\(readers.stdoutText) \(readers.stderrText)")
    }
}
