import Foundation
import TerminalTestSupport

/// A thin client's network, made of network namespaces for one test: the ward (the kiosk's
/// host) reaches a WAN router only through `cmc-delay-line` (a userspace delay line between two
/// TUN devices, as this kernel has no `sch_netem`), and the router bridges the spine (cmc-sim)
/// and a proxy host (tinyproxy). ``tearDown()`` removes it all; a bed left by a process that
/// died is removed by the next bed made.
///
///     ward 198.18.0.2 ── delay line ── 198.18.0.1 wan 198.18.1.1 ─┬─ spine 198.18.1.2
///                                                                  └─ proxy 198.18.1.3:8888
public final class TestBed: @unchecked Sendable {
    /// The bed's own folder: configurations, keys, logs, the delay line's control socket.
    public let folder: String
    /// The namespace of each host.
    public let namespaces: [BedHost: String]
    /// The link's conditions as last set.
    public internal(set) var conditions: LinkConditions
    let controlPath: String
    private var delayLine: Spawned?
    private var tinyproxy: Spawned?
    var sshd: Spawned?
    private var tornDown = false

    /// Builds the bed: its namespaces, the delay line with `link`'s conditions, tinyproxy if
    /// `proxy` says how; `spineReachesWard` false leaves the spine a route to its own subnet only,
    /// so that the ward reaches it only through the proxy.
    public init(name: String, link: LinkConditions = .ideal, proxy: ProxySetup? = nil, spineReachesWard: Bool = true) throws {
        folder = "/tmp/netbed-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        Namespaces.removeStale(folder: folder)
        namespaces = Namespaces.names()
        conditions = link
        controlPath = "\(folder)/delay-line.sock"
        do {
            try build(spineReachesWard: spineReachesWard)
            try setLink(link)
            if let proxy { try startProxy(proxy) }
        } catch {
            tearDown()
            throw error
        }
    }

    /// The command prefix that runs a program on `host`: `nsenter --net=/run/netns/NAME`. It
    /// joins the network namespace only, so a private pcscd's mount-namespace prefix may follow it.
    public func launcher(for host: BedHost) -> [String] {
        ["/usr/bin/nsenter", "--net=/run/netns/\(namespace(host))"]
    }

    /// The proxy's URL, for the kiosk's configuration or `curl -x`.
    public var proxyURL: String { "http://\(BedAddress.proxy):\(BedAddress.proxyPort)" }

    /// Runs `command` on `host` to completion; its exit status and output.
    public func run(_ command: [String], on host: BedHost) throws -> (status: Int32, stdout: String, stderr: String) {
        let launcher = launcher(for: host)
        return try Spawned.run(launcher[0], Array(launcher.dropFirst()) + command, logPrefix: "\(folder)/run-\(UUID())")
    }

    /// Ends the delay line, tinyproxy, sshd and anything else in the namespaces, deletes the
    /// namespaces and the folder. Safe to call more than once.
    public func tearDown() {
        guard !tornDown else { return }
        tornDown = true
        for process in [sshd, tinyproxy, delayLine].compactMap({ $0 }) { process.stop(seconds: 5) }
        for name in namespaces.values { Namespaces.delete(name, folder: folder) }
        try? FileManager.default.removeItem(atPath: folder)
    }

    deinit { tearDown() }

    func namespace(_ host: BedHost) -> String { namespaces[host]! }

    /// Runs `ip` with `arguments`; throws with its error output if it fails.
    func ip(_ arguments: [String]) throws {
        let result = try Spawned.run("/usr/sbin/ip", arguments, logPrefix: "\(folder)/ip-\(UUID())")
        guard result.status == 0 else {
            throw BedError("ip \(arguments.joined(separator: " ")): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// Runs `commands` (`ip` commands without `ip`) in the namespace of `host`, as one batch.
    func ip(on host: BedHost, _ commands: [String]) throws {
        let batch = "\(folder)/batch-\(UUID())"
        try (commands.joined(separator: "\n") + "\n").write(toFile: batch, atomically: true, encoding: .utf8)
        defer { unlink(batch) }
        try ip(["-n", namespace(host), "-batch", batch])
    }

    private func build(spineReachesWard: Bool) throws {
        for host in BedHost.allCases { try ip(["netns", "add", namespace(host)]) }
        let wardTun = "dlw\(namespaces[.ward]!.dropFirst(5))", wanTun = "dln\(namespaces[.wan]!.dropFirst(5))"
        try startDelayLine(wardTun: wardTun, wanTun: wanTun)
        for host in [BedHost.ward, .wan] {
            let result = try run(["/usr/sbin/sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"], on: host)
            guard result.status == 0 else { throw BedError("sysctl on \(host): \(result.stderr)") }
        }
        try ip(["link", "set", wardTun, "netns", namespace(.ward)])
        try ip(["link", "set", wanTun, "netns", namespace(.wan)])
        try ip(on: .ward, [
            "link set lo up", "addr add \(BedAddress.ward)/24 dev \(wardTun)", "link set \(wardTun) up",
            "route add default via \(BedAddress.wanTowardWard) dev \(wardTun)",
        ])
        try ip(on: .wan, [
            "link set lo up", "addr add \(BedAddress.wanTowardWard)/24 dev \(wanTun)", "link set \(wanTun) up",
            "link add br0 type bridge", "addr add \(BedAddress.wanTowardServers)/24 dev br0", "link set br0 up",
            "link add vspine type veth peer name eth0 netns \(namespace(.spine))",
            "link add vproxy type veth peer name eth0 netns \(namespace(.proxy))",
            "link set vspine master br0", "link set vspine up", "link set vproxy master br0", "link set vproxy up",
        ])
        let forwarding = try run(["/usr/sbin/sysctl", "-qw", "net.ipv4.ip_forward=1"], on: .wan)
        guard forwarding.status == 0 else { throw BedError("sysctl ip_forward on wan: \(forwarding.stderr)") }
        for (host, address) in [(BedHost.spine, BedAddress.spine), (.proxy, BedAddress.proxy)] {
            let route = host == .spine && !spineReachesWard ? [] : ["route add default via \(BedAddress.wanTowardServers)"]
            try ip(on: host, ["link set lo up", "addr add \(address)/24 dev eth0", "link set eth0 up"] + route)
        }
    }

    /// Starts `cmc-delay-line` in the root namespace, its standard input held open so that it ends
    /// with the test process, and waits for its two TUN devices.
    private func startDelayLine(wardTun: String, wanTun: String) throws {
        let process = try Spawned(Tmux.builtProgram("cmc-delay-line"), [wardTun, wanTun, "--control", controlPath],
                                  holdStdinOpen: true, logPrefix: "\(folder)/delay-line")
        delayLine = process
        guard process.firstLine(seconds: 20) == "ready" else {
            throw BedError("cmc-delay-line did not start: \(process.stderrText)")
        }
    }

    private func startProxy(_ setup: ProxySetup) throws {
        let (configuration, filter) = setup.tinyproxyConfiguration(folder: folder)
        if let filter { try filter.write(toFile: "\(folder)/tinyproxy.filter", atomically: true, encoding: .utf8) }
        let path = "\(folder)/tinyproxy.conf"
        try configuration.write(toFile: path, atomically: true, encoding: .utf8)
        let launcher = launcher(for: .proxy)
        tinyproxy = try Spawned(launcher[0], Array(launcher.dropFirst()) + ["/usr/bin/tinyproxy", "-d", "-c", path],
                                logPrefix: "\(folder)/tinyproxy")
        let log = "\(folder)/tinyproxy.log"
        let deadline = Date().addingTimeInterval(20)
        while ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("Accepting connections") == false {
            guard Date() < deadline, tinyproxy?.isRunning == true else {
                throw BedError("tinyproxy did not start: \(tinyproxy?.stderrText ?? "") \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// The delay line's process, while it runs.
    public var delayLinePID: pid_t? { delayLine?.pid }

    /// What tinyproxy has logged so far (its CONNECTs, refusals).
    public var proxyLog: String { (try? String(contentsOfFile: "\(folder)/tinyproxy.log", encoding: .utf8)) ?? "" }
}
