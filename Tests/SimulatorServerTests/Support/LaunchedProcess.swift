import Foundation

/// A program started in the background, its standard output going to a file that tests can read
/// while it runs.
final class LaunchedProcess: Sendable {
    let process: Process
    let stdoutFile: URL
    let stderrFile: URL
    private let exits: AsyncStream<Int32>

    init(_ executable: URL, _ arguments: [String]) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        stdoutFile = try TemporaryFiles.makeFile()
        stderrFile = try TemporaryFiles.makeFile()
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        process.standardInput = FileHandle.nullDevice
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        exits = stream
        process.terminationHandler = { process in
            continuation.yield(process.terminationStatus)
            continuation.finish()
        }
        try process.run()
    }

    /// The first line of standard output, waiting up to `timeout` for it.
    func firstLine(timeout: Duration = .seconds(20)) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? ""
            if let newline = text.firstIndex(of: "\n") { return String(text[..<newline]) }
            if !process.isRunning { return nil }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// Sends SIGTERM and returns the exit status.
    func terminate() async -> Int32 {
        if process.isRunning { process.terminate() }
        return await exitStatus()
    }

    func exitStatus() async -> Int32 {
        for await status in exits { return status }
        return process.terminationStatus
    }

    var stderrText: String {
        (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
    }
}
