import Foundation

/// Runs a program to completion and captures what it printed.
struct Subprocess {
    struct Output {
        var status: Int32
        var stdout: Data
        var stderr: Data

        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Waits without blocking a thread: tests run in parallel with in-process servers on a small
    /// cooperative pool, which a blocking wait would starve.
    static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil) async throws -> Output {
        let (process, outFile, errFile) = try prepare(executable, arguments, stdin: stdin)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume()
            }
        }
        return try collect(process, outFile, errFile)
    }

    /// Blocks the calling thread; for one-time set-up outside any server test.
    static func runBlocking(_ executable: String, _ arguments: [String]) throws -> Output {
        let (process, outFile, errFile) = try prepare(executable, arguments, stdin: nil)
        try process.run()
        process.waitUntilExit()
        return try collect(process, outFile, errFile)
    }

    private static func collect(_ process: Process, _ outFile: URL, _ errFile: URL) throws -> Output {
        guard !process.isRunning, process.processIdentifier != 0 else { throw SubprocessError.failed("could not start \(process.executableURL?.path ?? "")") }
        return Output(
            status: process.terminationStatus,
            stdout: (try? Data(contentsOf: outFile)) ?? Data(),
            stderr: (try? Data(contentsOf: errFile)) ?? Data())
    }

    private static func prepare(_ executable: String, _ arguments: [String], stdin: Data?) throws -> (Process, URL, URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let outFile = try TemporaryFiles.makeFile()
        let errFile = try TemporaryFiles.makeFile()
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        if let stdin {
            let inFile = try TemporaryFiles.makeFile(contents: stdin)
            process.standardInput = try FileHandle(forReadingFrom: inFile)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        return (process, outFile, errFile)
    }

    /// Runs `openssl` with the arguments; throws with its error output when it fails.
    @discardableResult
    static func openssl(_ arguments: [String]) async throws -> Output {
        try check(await run("/usr/bin/openssl", arguments), arguments)
    }

    /// ``openssl(_:)`` blocking the calling thread, for one-time set-up.
    @discardableResult
    static func opensslBlocking(_ arguments: [String]) throws -> Output {
        try check(try runBlocking("/usr/bin/openssl", arguments), arguments)
    }

    private static func check(_ output: Output, _ arguments: [String]) throws -> Output {
        guard output.status == 0 else { throw SubprocessError.failed("openssl \(arguments.first ?? ""): \(output.stderrText)") }
        return output
    }
}

enum SubprocessError: Error {
    case failed(String)
}

/// Files under a per-process temporary directory.
enum TemporaryFiles {
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cmc-sim-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static func makeFile(contents: Data = Data(), suffix: String = "") throws -> URL {
        let url = directory.appendingPathComponent(UUID().uuidString + suffix)
        try contents.write(to: url)
        return url
    }
}
