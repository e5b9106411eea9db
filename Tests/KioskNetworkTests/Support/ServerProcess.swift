import Foundation

/// A real server process on loopback, started and stopped by a test.
final class ServerProcess: @unchecked Sendable {
    let port: Int
    private let process: Process

    /// Starts `executable` and waits (up to 10 s) for a stdout line from which `port` reads the port.
    /// Output goes to a file, so no thread has to keep reading it.
    init(_ executable: String, _ arguments: [String], port readPort: (String) -> Int?) throws {
        let output = try TemporaryDirectory().file("stdout", text: "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(10)
        var port: Int?
        while port == nil, process.isRunning, ContinuousClock.now < deadline {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            port = text.split(separator: "\n").compactMap { readPort(String($0)) }.first
            if port == nil { usleep(5000) }
        }
        guard let port else {
            kill(process.processIdentifier, SIGKILL)
            throw ServerError.didNotStart(executable)
        }
        self.process = process
        self.port = port
    }

    deinit { stop() }

    /// SIGKILL: children inherit the spawning thread's signal mask, and the test runner's
    /// threads block SIGTERM.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    enum ServerError: Error { case didNotStart(String) }
}

extension ServerProcess {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// `Fixtures/peer.py`, optionally with canned answers keyed "METHOD /path".
    static func peer(script: [String: CannedAnswer] = [:]) throws -> ServerProcess {
        var arguments = [fixtures.appendingPathComponent("peer.py").path]
        if !script.isEmpty {
            let file = try TemporaryDirectory().file("script.json", contents: JSONEncoder().encode(script))
            arguments += ["--script", file]
        }
        return try ServerProcess("/usr/bin/env", ["python3"] + arguments) { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// A port that accepts no connections: they hang until the connect timeout.
    static func blackhole() throws -> ServerProcess {
        try ServerProcess("/usr/bin/env", ["python3", fixtures.appendingPathComponent("peer.py").path, "--blackhole"]) {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
    }

    /// An HTTP CONNECT proxy tunnelling every target to `127.0.0.1:port`; it appends each
    /// CONNECT target to `log`.
    static func connectProxy(to port: Int, log: String) throws -> ServerProcess {
        try ServerProcess(
            "/usr/bin/env", ["python3", fixtures.appendingPathComponent("peer.py").path, "--proxy-to", "\(port)", log]
        ) { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// `openssl s_server -www` with the given certificate and key.
    static func tlsServer(certificate: String, key: String) throws -> ServerProcess {
        try ServerProcess(
            "/usr/bin/openssl",
            ["s_server", "-accept", "127.0.0.1:0", "-cert", certificate, "-key", key, "-www"]
        ) { line in
            guard line.hasPrefix("ACCEPT"), let colon = line.lastIndex(of: ":") else { return nil }
            return Int(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
    }

    var base: String { "http://127.0.0.1:\(port)" }
}

/// A canned answer of `peer.py`.
struct CannedAnswer: Encodable {
    var status: Int
    var headers: [[String]] = []
    var body: String = ""
}

/// A request as `peer.py` recorded it.
struct RecordedRequest: Decodable {
    let method: String
    let path: String
    let headers: [[String]]
    let body: String

    var bodyBytes: [UInt8] { Array(Data(base64Encoded: body) ?? Data()) }
    var bodyText: String { String(decoding: bodyBytes, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.first?.lowercased() == name.lowercased() }?.last
    }
}

extension ServerProcess {
    /// What the peer has received so far (read with the curl tool, not the engine under test).
    func recordedRequests() throws -> [RecordedRequest] {
        let data = try Command.run("/usr/bin/curl", ["-s", "--noproxy", "*", "\(base)/__requests"]).output
        return try JSONDecoder().decode([RecordedRequest].self, from: data)
    }
}
