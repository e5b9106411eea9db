import Foundation

/// The vpcd reader a kiosk under test uses: its name for the kiosk's `[reader] name`, the port its
/// cards connect to, and the command prefix that runs the kiosk where that reader's pcscd is.
public struct ReaderSetup: Sendable {
    public let name: String
    public let port: UInt16
    /// Put before the kiosk's command line, e.g. `nsenter` into a private pcscd's namespace.
    public let launcher: [String]

    public init(name: String, port: UInt16, launcher: [String] = []) {
        self.name = name
        self.port = port
        self.launcher = launcher
    }

    /// The machine's pcscd, the second vpcd reader: the lifecycle tests' own.
    public static let lifecycle = ReaderSetup(name: "Virtual PCD 00 01", port: 35964)
}

/// A `cmc-vcard insert` process holding a card in a vpcd reader.
public final class VirtualCard: @unchecked Sendable {
    private let process: Spawned

    /// `piv` holds the persona as a PIV card (`--piv`, for OpenSC) instead of the card profile's card.
    public init(persona: String, reader: ReaderSetup = .lifecycle, piv: Bool = false, in workspace: Workspace) throws {
        let kind = piv ? ["--piv"] : []
        process = try Spawned(Package.program("cmc-vcard"), ["insert"] + kind + [persona, "--port", String(reader.port)],
                              holdStdinOpen: true, logPrefix: workspace.file("cmc-vcard-\(UUID().uuidString.prefix(4))"))
    }

    /// What the card process has said on its standard error so far (insertion, delays, removal).
    public var log: String { process.stderrText }

    /// Kills the card process outright (SIGKILL), whatever it is doing: the card pulled in the
    /// middle of a command. Then waits as ``remove(settle:)`` does.
    public func pullAbruptly(settle: TimeInterval = 1.0) {
        guard process.isRunning else { return }
        kill(process.pid, SIGKILL)
        process.stop()
        Thread.sleep(forTimeInterval: settle)
    }

    /// Pulls the card out (its standard input closes) and waits `settle` seconds, by default
    /// until pcscd, which looks at a vpcd reader every 400 ms, can have seen the reader empty.
    public func remove(settle: TimeInterval = 1.0) {
        guard process.isRunning else { return }
        process.closeStdin()
        process.stop()
        Thread.sleep(forTimeInterval: settle)
    }

    deinit { remove() }
}
