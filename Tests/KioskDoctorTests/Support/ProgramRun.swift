import Foundation

/// A short-lived program run to its end: its exit status and what it printed.
struct ProgramRun {
    let status: Int32
    let stdout: String
    let stderr: String

    /// Runs `command` (the program's absolute path, then its arguments) with no input. Its output
    /// goes to files, so that nothing waits on a full pipe.
    init(_ command: [String]) throws {
        let folder = FileManager.default.temporaryDirectory
        let outPath = folder.appending(path: "doctor-run-\(UUID()).out")
        let errPath = folder.appending(path: "doctor-run-\(UUID()).err")
        _ = FileManager.default.createFile(atPath: outPath.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outPath)
            try? FileManager.default.removeItem(at: errPath)
        }
        let process = Process()
        process.executableURL = URL(filePath: command[0])
        process.arguments = Array(command.dropFirst())
        process.standardOutput = try FileHandle(forWritingTo: outPath)
        process.standardError = try FileHandle(forWritingTo: errPath)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = (try? String(contentsOf: outPath, encoding: .utf8)) ?? ""
        stderr = (try? String(contentsOf: errPath, encoding: .utf8)) ?? ""
    }

    /// The report's lines about `subject`, e.g. every `card` line.
    func lines(about subject: String) -> [String] {
        stdout.split(separator: "\n").map(String.init).filter {
            $0.split(separator: " ").dropFirst().first.map(String.init) == subject
        }
    }

    /// The verdict word of the first line about `subject`: ok, skip, warning or FAIL.
    func verdict(of subject: String) -> String? {
        lines(about: subject).first?.split(separator: " ").first.map(String.init)
    }
}
