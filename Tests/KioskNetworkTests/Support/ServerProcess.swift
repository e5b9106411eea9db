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

    /// `Fixtures/peer.py`: echo, cookie, redirect and stream routes.
    static func peer() throws -> ServerProcess {
        try ServerProcess("/usr/bin/env", ["python3", fixtures.appendingPathComponent("peer.py").path]) {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
    }

    /// A port that accepts no connections: they hang until the connect timeout.
    static func blackhole() throws -> ServerProcess {
        try ServerProcess("/usr/bin/env", ["python3", fixtures.appendingPathComponent("peer.py").path, "--blackhole"]) {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
    }

    /// An HTTP CONNECT proxy tunnelling every target to `127.0.0.1:port`; it appends each
    /// CONNECT target to `log`. With `auth` (`user:password`) it answers 407 to a CONNECT without
    /// them, logged as `407 TARGET`.
    static func connectProxy(to port: Int, log: String, auth: String? = nil) throws -> ServerProcess {
        try ServerProcess(
            "/usr/bin/env",
            ["python3", fixtures.appendingPathComponent("peer.py").path, "--proxy-to", "\(port)", log]
                + (auth.map { ["--auth", $0] } ?? [])
        ) { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    var base: String { "http://127.0.0.1:\(port)" }
}
