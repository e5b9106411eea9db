import Foundation
import Glibc
import TerminalTestSupport

/// Paths of the package: its programs beside the test binary, its demo personas.
enum Package {
    static let root = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func program(_ name: String) -> String { Tmux.builtProgram(name) }

    static func persona(_ name: String) -> String { root.appending(path: "Personas/demo/\(name).json").path }

    static let cardCA = root.appending(path: "Personas/demo/ca.pem").path
}

/// A folder of this test's own under /tmp, named `e2e-lifecycle-…`, for logs, keys and state.
final class Workspace: @unchecked Sendable {
    let path: String

    init(_ name: String) throws {
        path = "/tmp/e2e-lifecycle-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }
}

/// A TLS CA and a server certificate for 127.0.0.1 and localhost, made with openssl once per run.
struct ServerPKI: Sendable {
    let caPath: String
    let certificatePath: String
    let keyPath: String

    static let shared: ServerPKI = {
        do { return try ServerPKI() } catch { fatalError("cannot make the TLS test PKI: \(error)") }
    }()

    private init() throws {
        let folder = try Workspace("pki")
        caPath = folder.file("tls-ca.pem")
        let caKey = folder.file("tls-ca.key")
        certificatePath = folder.file("server.pem")
        keyPath = folder.file("server.key")
        let csr = folder.file("server.csr")
        let extensions = try folder.write("server.ext", "subjectAltName=IP:127.0.0.1,DNS:localhost\n")
        try Self.openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey, "-out", caPath,
                          "-subj", "/CN=cmc-kiosk lifecycle test TLS CA", "-days", "2"], folder)
        try Self.openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", keyPath, "-out", csr,
                          "-subj", "/CN=127.0.0.1"], folder)
        try Self.openssl(["x509", "-req", "-in", csr, "-CA", caPath, "-CAkey", caKey, "-set_serial", "4242",
                          "-out", certificatePath, "-days", "2", "-extfile", extensions], folder)
    }

    private static func openssl(_ arguments: [String], _ folder: Workspace) throws {
        let result = try Spawned.run("/usr/bin/openssl", arguments, logPrefix: folder.file("openssl-\(UUID())"))
        guard result.status == 0 else { throw LifecycleError.failed("openssl \(arguments[0]): \(result.stderr)") }
    }
}

enum LifecycleError: Error, CustomStringConvertible {
    case failed(String)
    var description: String { if case .failed(let text) = self { text } else { "" } }
}

/// A `cmc-sim` process over TLS, with the demo users and the demo card CA.
final class SimulatorProcess: @unchecked Sendable {
    let url: String
    private let process: Spawned
    private let workspace: Workspace

    init(in workspace: Workspace, options: [String] = []) throws {
        self.workspace = workspace
        let pki = ServerPKI.shared
        process = try Spawned(Package.program("cmc-sim"), [
            "--port", "0", "--tls-cert", pki.certificatePath, "--tls-key", pki.keyPath, "--ca", Package.cardCA,
        ] + options, logPrefix: workspace.file("cmc-sim"))
        guard let line = process.firstLine(seconds: 60), line.hasPrefix("https://") else {
            process.stop()
            throw LifecycleError.failed("cmc-sim did not start: \(process.stderrText)")
        }
        url = line.hasSuffix("/") ? String(line.dropLast()) : line
    }

    func stop() { process.stop() }

    /// The simulator's log (its standard error) so far.
    var log: String { process.stderrText }

    /// The simulator's log (its standard error) once it contains `text`, or as it is after `seconds`.
    @discardableResult
    func waitForLog(containing text: String, seconds: Double = 30) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var log = process.stderrText
        while !log.contains(text), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            log = process.stderrText
        }
        return log
    }

    /// `curl` against the simulator, trusting the test CA.
    @discardableResult
    func call(_ method: String, _ path: String, json: String? = nil) throws -> String {
        var arguments = ["-sS", "--max-time", "20", "--cacert", ServerPKI.shared.caPath, "-X", method]
        if let json { arguments += ["-H", "Content-Type: application/json", "--data", json] }
        let result = try Spawned.run("/usr/bin/curl", arguments + [url + path], logPrefix: workspace.file("curl-\(UUID())"))
        guard result.status == 0 else { throw LifecycleError.failed("curl \(method) \(path): \(result.stderr)") }
        return result.stdout
    }

    func status() throws -> SimStatus {
        let text = try call("GET", "/_sim/status")
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw LifecycleError.failed("status is not an object: \(text)")
        }
        return SimStatus(json: object, text: text)
    }

    /// The status once `condition` holds, or as it is after `seconds`.
    @discardableResult
    func waitForStatus(seconds: Double = 15, until condition: (SimStatus) -> Bool) throws -> SimStatus {
        let deadline = Date().addingTimeInterval(seconds)
        var current = try status()
        while !condition(current), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            current = try status()
        }
        return current
    }

    func addFault(_ json: String) throws { try call("POST", "/_sim/faults", json: json) }
    func clearFaults() throws { try call("DELETE", "/_sim/faults") }
    func endSession(uid: String, reason: String) throws -> String {
        try call("POST", "/_sim/sessions/end", json: #"{"uid":"\#(uid)","reason":"\#(reason)"}"#)
    }
}

/// What `GET /_sim/status` says.
struct SimStatus: CustomStringConvertible {
    let json: [String: Any]
    let text: String

    private var portal: [String: Any] { json["portal"] as? [String: Any] ?? [:] }
    var sessions: [[String: Any]] { portal["sessions"] as? [[String: Any]] ?? [] }
    var endedSessions: [[String: Any]] { portal["ended_sessions"] as? [[String: Any]] ?? [] }
    var tickets: [[String: Any]] { (json["gas"] as? [String: Any])?["tickets"] as? [[String: Any]] ?? [] }
    var description: String { text }

    func sessions(uid: String) -> [[String: Any]] { sessions.filter { $0["uid"] as? String == uid } }
    func endedSessions(uid: String) -> [[String: Any]] { endedSessions.filter { $0["uid"] as? String == uid } }
    func tickets(uid: String) -> [[String: Any]] { tickets.filter { $0["uid"] as? String == uid } }

    /// Nothing live: no portal session, no Spine ticket.
    var isClean: Bool { sessions.isEmpty && tickets.isEmpty }
}

/// A `cmc-vcard insert` process holding a card in the second vpcd reader.
final class VirtualCard: @unchecked Sendable {
    static let readerName = "Virtual PCD 00 01"
    static let port = "35964"
    private let process: Spawned

    init(persona: String, in workspace: Workspace) throws {
        process = try Spawned(Package.program("cmc-vcard"), ["insert", persona, "--port", Self.port],
                              holdStdinOpen: true, logPrefix: workspace.file("cmc-vcard-\(UUID().uuidString.prefix(4))"))
    }

    /// Pulls the card out (its standard input closes) and waits until pcscd, which looks at a
    /// vpcd reader every 400 ms, can have seen the reader empty.
    func remove() {
        guard process.isRunning else { return }
        process.closeStdin()
        process.stop()
        Thread.sleep(forTimeInterval: 1.0)
    }

    deinit { remove() }
}

/// The kiosk under test: `cmc-kiosk --config FILE` in a tmux terminal of its own, against a
/// simulator, on the second vpcd reader, writing its audit log and home into the workspace.
final class KioskUnderTest: @unchecked Sendable {
    let tmux: Tmux
    let configPath: String
    let auditPath: String
    let stateFolder: String

    /// `afterExit` is the shell command run in the terminal once the kiosk has ended (after it
    /// prints `KIOSK-EXIT-` and its exit status).
    init(simulator: SimulatorProcess, in workspace: Workspace, extraConfiguration: String = "",
         afterExit: String = "sleep 60") throws {
        auditPath = workspace.file("state/audit/audit.jsonl")
        stateFolder = workspace.file("state")
        try FileManager.default.createDirectory(atPath: stateFolder + "/tmp", withIntermediateDirectories: true)
        configPath = try workspace.write("kiosk.toml", """
            environment = "test"
            device_id = "lifecycle-kiosk"

            [endpoints]
            gas_url = "\(simulator.url)"
            portal_url = "\(simulator.url)"
            ca_file = "\(ServerPKI.shared.caPath)"

            [reader]
            name = "\(VirtualCard.readerName)"

            [audit]
            path = "\(auditPath)"
            syslog = false

            \(extraConfiguration)
            """)
        tmux = try Tmux(columns: 100, rows: 30, command: """
            env TERM=xterm-256color HOME=\(stateFolder) TMPDIR=\(stateFolder)/tmp \(Package.program("cmc-kiosk")) \
            --config \(configPath) 2>\(workspace.file("kiosk.err")); echo "KIOSK-EXIT-$?"; \(afterExit)
            """)
    }

    func wait(for text: String, seconds: Double = 30) -> String { tmux.wait(for: text, seconds: seconds) }
    func capture() -> String { tmux.capture() }
    func send(_ keys: String...) throws {
        for key in keys { try tmux.send(key) }
    }
    func type(_ text: String) throws {
        try tmux.send("-l", text)
    }
    func kill() { tmux.kill() }

    /// The `cmc-kiosk` process: the child of the terminal's shell, once it runs.
    func pid() -> pid_t? {
        guard let shell = tmux.panePID() else { return nil }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.first { pid in
            ProcessProbe.parent(of: pid) == shell
                && (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.hasPrefix("cmc-kiosk") == true
        }
    }

    /// Every file the kiosk wrote: its audit file and whatever is under its state folder.
    func writtenFiles() -> [String] {
        var files = [auditPath]
        if let walker = FileManager.default.enumerator(atPath: stateFolder) {
            for case let name as String in walker {
                let full = "\(stateFolder)/\(name)"
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue, full != auditPath {
                    files.append(full)
                }
            }
        }
        return files
    }
}
