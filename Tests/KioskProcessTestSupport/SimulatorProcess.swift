import Foundation
import Glibc

/// A `cmc-sim` process over TLS, with the demo users and the demo card CA.
public final class SimulatorProcess: @unchecked Sendable {
    public let url: String
    /// The port it listens on, for a restart on the same address.
    public let port: Int
    private let process: Spawned
    private let workspace: Workspace
    private let certificate: ServerCertificate
    /// Put before `cmc-sim` and before the control calls' `curl`, e.g. `nsenter --net=…`.
    private let launcher: [String]

    /// Starts `cmc-sim` on `port` (0: any free port) with `certificate`; `launcher`, if any, runs
    /// it and the control calls somewhere else, e.g. in a test bed's spine namespace (with
    /// `--host 198.18.1.2` among the `options`).
    public init(in workspace: Workspace, options: [String] = [], port: Int = 0,
                certificate: ServerCertificate = ServerPKI.shared.server, launcher: [String] = []) throws {
        self.workspace = workspace
        self.certificate = certificate
        self.launcher = launcher
        let command = launcher + [Package.program("cmc-sim")]
        process = try Spawned(command[0], Array(command.dropFirst()) + [
            "--port", String(port), "--tls-cert", certificate.certificatePath, "--tls-key", certificate.keyPath,
            "--ca", Package.cardCA,
        ] + options, logPrefix: workspace.file("cmc-sim-\(UUID().uuidString.prefix(4))"))
        guard let line = process.firstLine(seconds: 60), line.hasPrefix("https://") else {
            process.stop()
            throw LifecycleError.failed("cmc-sim did not start: \(process.stderrText)")
        }
        url = line.hasSuffix("/") ? String(line.dropLast()) : line
        self.port = URLComponents(string: url)?.port ?? port
    }

    public func stop() { process.stop() }

    /// Stops it where it stands (SIGSTOP): connections are still accepted by the kernel, but
    /// nothing answers until ``resume()``.
    public func pause() { kill(process.pid, SIGSTOP) }

    /// Lets a paused simulator run again (SIGCONT), with all its state.
    public func resume() { kill(process.pid, SIGCONT) }

    /// The simulator's log (its standard error) so far.
    public var log: String { process.stderrText }

    /// The simulator's log (its standard error) once it contains `text`, or as it is after `seconds`.
    @discardableResult
    public func waitForLog(containing text: String, seconds: Double = 30) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var log = process.stderrText
        while !log.contains(text), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            log = process.stderrText
        }
        return log
    }

    /// `curl` against the simulator, trusting its certificate as ``ServerCertificate/controlTrust`` says.
    @discardableResult
    public func call(_ method: String, _ path: String, json: String? = nil) throws -> String {
        var arguments = ["-sS", "--max-time", "20"] + certificate.controlTrust + ["-X", method]
        if let json { arguments += ["-H", "Content-Type: application/json", "--data", json] }
        let command = launcher + ["/usr/bin/curl"] + arguments + [url + path]
        let result = try Spawned.run(command[0], Array(command.dropFirst()), logPrefix: workspace.file("curl-\(UUID())"))
        guard result.status == 0 else { throw LifecycleError.failed("curl \(method) \(path): \(result.stderr)") }
        return result.stdout
    }

    public func status() throws -> SimStatus {
        let text = try call("GET", "/_sim/status")
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw LifecycleError.failed("status is not an object: \(text)")
        }
        return SimStatus(json: object, text: text)
    }

    /// The status once `condition` holds, or as it is after `seconds`.
    @discardableResult
    public func waitForStatus(seconds: Double = 15, until condition: (SimStatus) -> Bool) throws -> SimStatus {
        let deadline = Date().addingTimeInterval(seconds)
        var current = try status()
        while !condition(current), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            current = try status()
        }
        return current
    }

    public func addFault(_ json: String) throws { try call("POST", "/_sim/faults", json: json) }
    public func clearFaults() throws { try call("DELETE", "/_sim/faults") }
    public func endSession(uid: String, reason: String) throws -> String {
        try call("POST", "/_sim/sessions/end", json: #"{"uid":"\#(uid)","reason":"\#(reason)"}"#)
    }
}

/// What `GET /_sim/status` says.
public struct SimStatus: CustomStringConvertible {
    public let json: [String: Any]
    public let text: String

    private var portal: [String: Any] { json["portal"] as? [String: Any] ?? [:] }
    public var sessions: [[String: Any]] { portal["sessions"] as? [[String: Any]] ?? [] }
    public var endedSessions: [[String: Any]] { portal["ended_sessions"] as? [[String: Any]] ?? [] }
    public var tickets: [[String: Any]] { (json["gas"] as? [String: Any])?["tickets"] as? [[String: Any]] ?? [] }
    public var description: String { text }

    public func sessions(uid: String) -> [[String: Any]] { sessions.filter { $0["uid"] as? String == uid } }
    public func endedSessions(uid: String) -> [[String: Any]] { endedSessions.filter { $0["uid"] as? String == uid } }
    public func tickets(uid: String) -> [[String: Any]] { tickets.filter { $0["uid"] as? String == uid } }

    /// The live sessions a browser holds, signed in by a hand-off; each has its `browser` record
    /// (`signed_in`, `sign_ins`, `page_views`, `first_sign_in_at`, `last_page_view_at`).
    public var browserSessions: [[String: Any]] { sessions.filter(Self.isHeldByBrowser) }
    /// The ended sessions that a browser had held.
    public var endedBrowserSessions: [[String: Any]] { endedSessions.filter(Self.isHeldByBrowser) }

    /// The pages the browsers of the live sessions have been shown.
    public var browserPageViews: Int {
        browserSessions.compactMap { ($0["browser"] as? [String: Any])?["page_views"] as? Int }.reduce(0, +)
    }

    private static func isHeldByBrowser(_ session: [String: Any]) -> Bool {
        (session["browser"] as? [String: Any])?["signed_in"] as? Bool == true
    }

    /// Nothing live: no portal session, no Spine ticket.
    public var isClean: Bool { sessions.isEmpty && tickets.isEmpty }
}
