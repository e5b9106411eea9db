import Foundation
import Synchronization

/// A pcscd of a test's own, and `cmc-readers` watching it, both in a private mount namespace.
final class PrivatePCSCD: @unchecked Sendable {
    /// The TCP port of the private vpcd's first reader ("Private PCD 00 00").
    static let readerPort: UInt16 = 35979

    private let folder: URL
    private let watcher = Process()
    private let watcherInput = Pipe()
    private let watcherOutput = Pipe()
    private let output = LineLog()
    private var daemon: Process?

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "private-pcscd-\(UUID())")
        for name in ["run", "conf"] {
            try FileManager.default.createDirectory(at: folder.appending(path: name), withIntermediateDirectories: true)
        }
        let run = folder.appending(path: "run").path
        let readers = BuiltProducts.executable("cmc-readers").path
        watcher.executableURL = URL(filePath: "/usr/bin/unshare")
        watcher.arguments = [
            "--mount", "--propagation", "private", "sh", "-c",
            "mount --bind '\(run)' /run/pcscd && exec '\(readers)' --filter Private",
        ]
        watcher.standardInput = watcherInput
        watcher.standardOutput = watcherOutput
        watcherOutput.fileHandleForReading.readabilityHandler = { [output] handle in
            output.append(String(decoding: handle.availableData, as: UTF8.self))
        }
        try watcher.run()
    }

    private var configurationFolder: String { folder.appending(path: "conf").path }

    var lines: [String] { output.lines }

    /// Configures a vpcd reader, for pcscd's next start.
    func configureVirtualReader() throws {
        let port = String(Self.readerPort, radix: 16, uppercase: true)
        let configuration = """
            FRIENDLYNAME "Private PCD"
            DEVICENAME   /dev/null:0x\(port)
            LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so
            CHANNELID    0x\(port)

            """
        try configuration.write(to: folder.appending(path: "conf/vpcd"), atomically: true, encoding: .utf8)
    }

    /// Kills pcscd outright (SIGKILL), as a crash or an out-of-memory kill would.
    func killDaemon() {
        guard let daemon, daemon.isRunning else { return }
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
    }

    /// Starts pcscd in the namespace, in the foreground so that the test holds its process.
    func startDaemon() throws {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/nsenter")
        process.arguments = ["--target", String(watcher.processIdentifier), "--mount", "pcscd", "--foreground", "-c", configurationFolder]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        daemon = process
    }

    /// Waits until `occurrence` lines contain `text`.
    func waitForLine(containing text: String, occurrence: Int = 1, timeout: Duration = .seconds(20)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        repeat {
            if lines.filter({ $0.contains(text) }).count >= occurrence { return true }
            try? await Task.sleep(for: .milliseconds(10))
        } while ContinuousClock.now < deadline
        return false
    }

    func shutDown() {
        killDaemon()
        try? watcherInput.fileHandleForWriting.close()
        watcher.waitUntilExit()
        watcherOutput.fileHandleForReading.readabilityHandler = nil
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Lines of a child process's output, gathered from its pipe's reading thread.
final class LineLog: Sendable {
    private let text = Mutex("")

    func append(_ chunk: String) { text.withLock { $0 += chunk } }

    var lines: [String] { text.withLock { $0.split(separator: "\n").map(String.init) } }
}
