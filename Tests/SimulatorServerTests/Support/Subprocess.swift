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

    static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil) throws -> Output {
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
        try process.run()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            stdout: (try? Data(contentsOf: outFile)) ?? Data(),
            stderr: (try? Data(contentsOf: errFile)) ?? Data())
    }

    /// Runs `openssl` with the arguments; throws with its error output when it fails.
    @discardableResult
    static func openssl(_ arguments: [String]) throws -> Output {
        let output = try run("/usr/bin/openssl", arguments)
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
