import Foundation
import Synchronization

/// A pcscd of a test's own, and `cmc-readers` watching it, both in a private mount namespace (a
/// folder bound over /run/pcscd there only), so that the machine's pcscd and the tests using it
/// are left alone. Programs run in the namespace with ``namespaced(_:)`` see only this pcscd.
///
/// Each suite gives its readers a name and a vpcd port pair of its own (the reader on `readerPort`,
/// its second on `readerPort + 1`), so that suites cannot take each other's cards.
public final class PrivatePCSCD: @unchecked Sendable {
    /// The vpcd readers' name, to which pcscd adds ` 00 00` and ` 00 01`.
    public let friendlyName: String
    /// The TCP port of the private vpcd's first reader.
    public let readerPort: UInt16

    private let folder: URL
    private let watcher = Process()
    private let watcherInput = Pipe()
    private let watcherOutput = Pipe()
    private let output = LineLog()
    private var daemon: Process?

    /// Starts the namespace with `cmc-readers` in it, watching readers named `friendlyName`; pcscd
    /// is not started yet.
    public init(friendlyName: String, readerPort: UInt16) throws {
        self.friendlyName = friendlyName
        self.readerPort = readerPort
        folder = FileManager.default.temporaryDirectory.appending(path: "private-pcscd-\(UUID())")
        for name in ["run", "conf"] {
            try FileManager.default.createDirectory(at: folder.appending(path: name), withIntermediateDirectories: true)
        }
        let run = folder.appending(path: "run").path
        watcher.executableURL = URL(filePath: "/usr/bin/unshare")
        watcher.arguments = [
            "--mount", "--propagation", "private", "sh", "-c",
            "mount --bind '\(run)' /run/pcscd && exec '\(Self.builtProgram("cmc-readers"))' --filter '\(friendlyName)'",
        ]
        watcher.standardInput = watcherInput
        watcher.standardOutput = watcherOutput
        watcherOutput.fileHandleForReading.readabilityHandler = { [output] handle in
            output.append(String(decoding: handle.availableData, as: UTF8.self))
        }
        try watcher.run()
    }

    /// The name pcscd gives the first reader, e.g. `Private PCD 00 00`.
    public var firstReaderName: String { "\(friendlyName) 00 00" }

    /// The private pcscd's socket, for a client outside the namespace (`PCSCLITE_CSOCK_NAME`).
    public var socketPath: String { folder.appending(path: "run/pcscd.comm").path }

    /// What `cmc-readers` has printed so far, one event a line.
    public var lines: [String] { output.lines }

    /// A program of the package, built next to the test binary.
    public static func builtProgram(_ name: String) -> String {
        URL(filePath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appending(path: name).path
    }

    /// `command` (program and arguments) prefixed so that it runs in the namespace.
    public func namespaced(_ command: [String]) -> [String] {
        ["/usr/bin/nsenter", "--target", String(watcher.processIdentifier), "--mount"] + command
    }

    /// `path` as the namespace sees it (with whatever is mounted there only), reached from
    /// outside it through `/proc/PID/root`.
    public func pathInNamespace(_ path: String) -> String { "/proc/\(watcher.processIdentifier)/root\(path)" }

    private var configurationFolder: String { folder.appending(path: "conf").path }

    /// Configures the vpcd readers, for pcscd's next start.
    public func configureVirtualReader() throws {
        let port = String(readerPort, radix: 16, uppercase: true)
        let configuration = """
            FRIENDLYNAME "\(friendlyName)"
            DEVICENAME   /dev/null:0x\(port)
            LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so
            CHANNELID    0x\(port)

            """
        try configuration.write(to: folder.appending(path: "conf/vpcd"), atomically: true, encoding: .utf8)
    }

    /// Kills pcscd outright (SIGKILL), as a crash or an out-of-memory kill would.
    public func killDaemon() {
        guard let daemon, daemon.isRunning else { return }
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
    }

    /// Starts pcscd in the namespace, in the foreground so that the test holds its process.
    public func startDaemon() throws {
        try waitForNamespace()
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/nsenter")
        process.arguments = ["--target", String(watcher.processIdentifier), "--mount", "pcscd", "--foreground", "-c", configurationFolder]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        daemon = process
    }

    /// Waits until `cmc-readers` has said anything: it runs only once the namespace has its own
    /// /run/pcscd. Entered any earlier, `nsenter` would start pcscd in the machine's namespace.
    private func waitForNamespace() throws {
        let deadline = Date().addingTimeInterval(20)
        while lines.isEmpty {
            guard Date() < deadline, watcher.isRunning else {
                throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "the private namespace did not start"])
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// Waits until `occurrence` lines contain `text`.
    public func waitForLine(containing text: String, occurrence: Int = 1, timeout: Duration = .seconds(20)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        repeat {
            if lines.filter({ $0.contains(text) }).count >= occurrence { return true }
            try? await Task.sleep(for: .milliseconds(10))
        } while ContinuousClock.now < deadline
        return false
    }

    /// A private pcscd with its vpcd readers, started, once it shows its first reader; nothing
    /// is left running if it does not.
    public static func started(friendlyName: String, readerPort: UInt16) async throws -> PrivatePCSCD {
        let pcscd = try launched(friendlyName: friendlyName, readerPort: readerPort)
        guard await pcscd.waitForLine(containing: pcscd.firstReaderAdded) else { throw pcscd.showedNoReader() }
        return pcscd
    }

    /// ``started(friendlyName:readerPort:)`` for a caller that cannot wait asynchronously (a
    /// test world built in a synchronous initialiser): the same steps, polled.
    public static func startedBlocking(friendlyName: String, readerPort: UInt16) throws -> PrivatePCSCD {
        let pcscd = try launched(friendlyName: friendlyName, readerPort: readerPort)
        let deadline = Date().addingTimeInterval(20)
        while !pcscd.lines.contains(where: { $0.contains(pcscd.firstReaderAdded) }) {
            guard Date() < deadline else { throw pcscd.showedNoReader() }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return pcscd
    }

    /// The namespace with its readers configured and pcscd started; nothing left running if
    /// either fails.
    private static func launched(friendlyName: String, readerPort: UInt16) throws -> PrivatePCSCD {
        let pcscd = try PrivatePCSCD(friendlyName: friendlyName, readerPort: readerPort)
        do {
            try pcscd.configureVirtualReader()
            try pcscd.startDaemon()
        } catch {
            pcscd.shutDown()
            throw error
        }
        return pcscd
    }

    /// What `cmc-readers` prints once pcscd shows the first reader.
    private var firstReaderAdded: String { #"reader-added "\#(firstReaderName)""# }

    /// Ends everything, and the error that says pcscd showed no reader.
    private func showedNoReader() -> CocoaError {
        let error = CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "the private pcscd showed no reader: \(lines)"])
        shutDown()
        return error
    }

    /// Ends pcscd and the namespace, and removes the folder.
    public func shutDown() {
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
