import Foundation

/// `cmc-sim` over TLS on loopback, with the demo users and the demo card CA.
final class SimulatorRun {
    let url: String
    private let process = Process()
    private let caPath: String

    init(pki: ServerPKI, in bench: Workbench) throws {
        caPath = pki.caPath
        process.executableURL = URL(filePath: Workbench.program("cmc-sim"))
        process.arguments = ["--port", "0", "--tls-cert", pki.certificatePath, "--tls-key", pki.keyPath,
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

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    /// When the portal session of `uid` that ended last ended, if one ended after `since`.
    func sessionEnd(uid: String, after since: Date) throws -> Date? {
        let text = try Workbench.run("/usr/bin/curl", ["-sS", "--max-time", "10", "--cacert", caPath, url + "/_sim/status"])
        let status = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let ended = (status?["portal"] as? [String: Any])?["ended_sessions"] as? [[String: Any]] ?? []
        let format = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return ended.filter { $0["uid"] as? String == uid }
            .compactMap { ($0["ended_at"] as? String).flatMap { try? format.parse($0) } }
            .filter { $0 >= since }.max()
    }

    /// When the session of `uid` ended after `since`, waiting at most `seconds` for it.
    func waitForSessionEnd(uid: String, after since: Date, seconds: Double = 15) throws -> Date? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if let end = try sessionEnd(uid: uid, after: since) { return end }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        return nil
    }
}

/// A `cmc-vcard insert` process: the card is in the reader for as long as it runs.
final class CardRun {
    private let process = Process()

    init(persona: String, port: Int) throws {
        process.executableURL = URL(filePath: Workbench.program("cmc-vcard"))
        process.arguments = ["insert", persona, "--port", String(port)]
        process.standardInput = Pipe()
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Pulls the card out at once.
    func yank() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
