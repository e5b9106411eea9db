import Foundation

/// `cmc-sim` over TLS on loopback, with the demo users and the demo card CA.
public final class SimulatorRun {
    public let url: String
    private let process = Process()
    private let caPath: String
    private let launcher: [String]

    /// `host` is the name in its URL: `localhost` for w3m, which matches a certificate's DNS
    /// names only. `launcher` runs it and the control calls elsewhere, e.g. `nsenter --net=…`
    /// on a test bed's host (`host` then that host's address).
    public init(pki: ServerPKI, host: String = "127.0.0.1", launcher: [String] = [], in bench: Workbench) throws {
        caPath = pki.caPath
        self.launcher = launcher
        let command = launcher + [Workbench.program("cmc-sim")]
        process.executableURL = URL(filePath: command[0])
        process.arguments = Array(command.dropFirst()) + ["--host", host, "--port", "0", "--tls-cert", pki.certificatePath, "--tls-key", pki.keyPath,
                             "--ca", Workbench.packageRoot.appending(path: "Personas/demo/ca.pem").path]
        let output = Pipe()
        process.standardOutput = output
        FileManager.default.createFile(atPath: bench.file("cmc-sim.log"), contents: nil)
        process.standardError = FileHandle(forWritingAtPath: bench.file("cmc-sim.log"))
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw BenchError.failed("cmc-sim did not start (see \(bench.file("cmc-sim.log")))") }
            line.append(chunk)
        }
        let first = String(decoding: line, as: UTF8.self).split(separator: "\n")[0]
        url = first.hasSuffix("/") ? String(first.dropLast()) : String(first)
    }

    public func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    /// `GET /_sim/status`: live portal sessions and Spine tickets, and the sessions that ended.
    public func status() throws -> SimulatorStatus {
        let text = try call("GET", "/_sim/status")
        guard let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw BenchError.failed("the simulator's status is not a JSON object: \(text)")
        }
        return SimulatorStatus(json: json)
    }

    /// Adds a fault rule (`POST /_sim/faults`, e.g. `{"path_prefix":"/login/authvalidate","latency_ms":500,"times":1}`).
    public func addFault(_ json: String) throws { try call("POST", "/_sim/faults", json: json) }

    /// Removes every fault rule.
    public func clearFaults() throws { try call("DELETE", "/_sim/faults") }

    @discardableResult
    private func call(_ method: String, _ path: String, json: String? = nil) throws -> String {
        var arguments = ["-sS", "--max-time", "10", "--cacert", caPath, "-X", method]
        if let json { arguments += ["-H", "Content-Type: application/json", "--data", json] }
        let command = launcher + ["/usr/bin/curl"] + arguments + [url + path]
        return try Workbench.run(command[0], Array(command.dropFirst()))
    }

    /// When the portal session of `uid` that ended last ended, if one ended after `since`.
    public func sessionEnd(uid: String, after since: Date) throws -> Date? {
        let format = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return try status().endedSessions.filter { $0["uid"] as? String == uid }
            .compactMap { ($0["ended_at"] as? String).flatMap { try? format.parse($0) } }
            .filter { $0 >= since }.max()
    }

    /// When the session of `uid` ended after `since`, waiting at most `seconds` for it.
    public func waitForSessionEnd(uid: String, after since: Date, seconds: Double = 15) throws -> Date? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if let end = try sessionEnd(uid: uid, after: since) { return end }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        return nil
    }
}

/// What `GET /_sim/status` says.
public struct SimulatorStatus {
    public let json: [String: Any]

    private var portal: [String: Any] { json["portal"] as? [String: Any] ?? [:] }
    /// The live portal sessions.
    public var sessions: [[String: Any]] { portal["sessions"] as? [[String: Any]] ?? [] }
    /// The pages the browsers of the live sessions have been shown, through the hand-off.
    public var browserPageViews: Int {
        sessions.compactMap { ($0["browser"] as? [String: Any])?["page_views"] as? Int }.reduce(0, +)
    }
    /// Every portal session that has ended, with its `reason` and `logout_reason`.
    public var endedSessions: [[String: Any]] { portal["ended_sessions"] as? [[String: Any]] ?? [] }
    /// The live Spine (GAS) tickets.
    public var tickets: [[String: Any]] { (json["gas"] as? [String: Any])?["tickets"] as? [[String: Any]] ?? [] }
}

/// A `cmc-vcard insert` process: the card is in the reader for as long as it runs.
public final class CardRun {
    private let process = Process()

    /// Inserts `persona`'s card of the kind `backend` reads (a PIV card for `pkcs11`).
    public init(persona: String, port: Int, for backend: CardBackend = .profile) throws {
        process.executableURL = URL(filePath: Workbench.program("cmc-vcard"))
        process.arguments = ["insert", persona, "--port", String(port)] + (backend.usesPIVCards ? ["--piv"] : [])
        process.standardInput = Pipe()
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Pulls the card out at once.
    public func yank() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
