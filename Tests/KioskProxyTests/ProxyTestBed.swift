import Foundation
import Glibc
import KioskProcessTestSupport

/// One test's world: a namespace with a real tinyproxy on 198.18.200.1:8888 (Basic
/// authentication and a host filter as asked) and `cmc-sim` over TLS on 198.18.200.2, and
/// `cmc-kiosk doctor` run inside it. ``finish()`` (or `deinit`) stops both and removes the
/// namespace, whatever the test did.
final class ProxyTestBed: @unchecked Sendable {
    static let proxyAddress = "198.18.200.1"
    static let simulatorAddress = "198.18.200.2"
    static let proxyPort = 8888
    static let user = "ward7-kiosk"
    static let password = "s3cret-proxy-word"

    let workspace: Workspace
    let namespace: ProxyNamespace
    /// `https://198.18.200.2:PORT`.
    private(set) var simulatorURL = ""
    private var processes: [Spawned] = []

    /// The proxy as `host:port`, as the kiosk names it.
    var proxy: String { "\(Self.proxyAddress):\(Self.proxyPort)" }

    /// - Parameters:
    ///   - authenticating: tinyproxy asks for ``user`` and ``password`` (BasicAuth).
    ///   - allowing: with a value, tinyproxy refuses (403) every host but those matching it
    ///     (Filter, FilterDefaultDeny).
    init(authenticating: Bool = false, allowing filter: String? = nil) throws {
        workspace = try Workspace("proxy")
        namespace = try ProxyNamespace(addresses: [Self.proxyAddress, Self.simulatorAddress], workspace: workspace)
        do {
            try startProxy(authenticating: authenticating, filter: filter)
            simulatorURL = try startSimulator()
        } catch {
            finish()
            throw error
        }
    }

    deinit { finish() }

    func finish() {
        processes.forEach { $0.stop() }
        processes.removeAll()
        namespace.remove()
    }

    /// tinyproxy's log: a `CONNECT` line for every tunnel asked for.
    var proxyLog: String { (try? String(contentsOfFile: workspace.file("tinyproxy.log"), encoding: .utf8)) ?? "" }

    private func startProxy(authenticating: Bool, filter: String?) throws {
        var lines = [
            "Port \(Self.proxyPort)", "Listen \(Self.proxyAddress)", "Timeout 30", "MaxClients 20",
            "LogFile \"\(workspace.file("tinyproxy.log"))\"", "LogLevel Info",
            "PidFile \"\(workspace.file("tinyproxy.pid"))\"",
            // The test's addresses only; no ConnectPort line, so CONNECT to any port is allowed.
            "Allow 198.18.0.0/15",
        ]
        if authenticating { lines.append("BasicAuth \(Self.user) \(Self.password)") }
        if let filter {
            lines += ["Filter \"\(try workspace.write("filter", filter + "\n"))\"", "FilterDefaultDeny Yes"]
        }
        let configuration = try workspace.write("tinyproxy.conf", lines.joined(separator: "\n") + "\n")
        let (program, arguments) = namespace.inside(["/usr/bin/tinyproxy", "-d", "-c", configuration])
        let proxy = try Spawned(program, arguments, logPrefix: workspace.file("tinyproxy"))
        processes.append(proxy)
        let deadline = Date().addingTimeInterval(20)
        while !proxyLog.contains("Accepting connections"), proxy.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard proxyLog.contains("Accepting connections") else {
            throw LifecycleError.failed("tinyproxy did not start: \(proxy.stderrText)\(proxyLog)")
        }
    }

    private func startSimulator() throws -> String {
        let certificate = ServerPKI.shared.server
        let (program, arguments) = namespace.inside([
            Package.program("cmc-sim"), "--host", Self.simulatorAddress, "--port", "0",
            "--tls-cert", certificate.certificatePath, "--tls-key", certificate.keyPath, "--ca", Package.cardCA,
        ])
        let simulator = try Spawned(program, arguments, logPrefix: workspace.file("cmc-sim"))
        processes.append(simulator)
        guard let line = simulator.firstLine(seconds: 60), line.hasPrefix("https://\(Self.simulatorAddress):") else {
            throw LifecycleError.failed("cmc-sim did not start: \(simulator.stderrText)")
        }
        return line.hasSuffix("/") ? String(line.dropLast()) : line
    }

    /// A configuration for the simulator, trusting its CA, with `network` added to `[network]`.
    func configuration(network: String = "") throws -> String {
        try workspace.write("kiosk-\(UUID().uuidString.prefix(4)).toml", """
            environment = "test"
            device_id = "proxy-test"

            [endpoints]
            gas_url = "\(simulatorURL)"
            portal_url = "\(simulatorURL)"
            ca_file = "\(ServerPKI.shared.caPath)"

            [network]
            connect_timeout_seconds = 3
            request_timeout_seconds = 10
            \(network)
            """)
    }

    /// The `[network]` lines for the proxy, with a password file holding `password` (mode 600),
    /// or with no credentials when `password` is nil.
    func proxyKeys(password: String?) throws -> String {
        var keys = "proxy = \"http://\(proxy)\"\n"
        if let password {
            let file = try workspace.write("proxy-password-\(UUID().uuidString.prefix(4))", password + "\n")
            guard chmod(file, 0o600) == 0 else { throw LifecycleError.failed("chmod \(file)") }
            keys += "proxy_user = \"\(Self.user)\"\nproxy_password_file = \"\(file)\"\n"
        }
        return keys
    }

    /// `cmc-kiosk doctor --config FILE` (and `extra` arguments) in the namespace, with the
    /// environment variables given. Its pcscd socket is one that does not exist: the doctor must
    /// not read (and reset) cards of the machine's pcscd, which other suites use.
    func doctor(_ configuration: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> DoctorRun {
        let variables = ["PCSCLITE_CSOCK_NAME=\(workspace.file("no-pcscd.comm"))"]
            + environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let (program, arguments) = namespace.inside(
            ["/usr/bin/env"] + variables + [Package.program("cmc-kiosk"), "doctor", "--config", configuration] + extra)
        let result = try Spawned.run(program, arguments, logPrefix: workspace.file("doctor-\(UUID().uuidString.prefix(8))"))
        return DoctorRun(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }
}

/// What one doctor run printed.
struct DoctorRun {
    let status: Int32
    let stdout: String
    let stderr: String

    /// The report's first line about `subject` (`proxy`, `GAS`, `portal`).
    func line(about subject: String) -> String? {
        stdout.split(separator: "\n").map(String.init).first {
            $0.split(separator: " ").dropFirst().first.map(String.init) == subject
        }
    }

    /// The `--json` report as an object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:]
    }
}
