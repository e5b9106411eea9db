import Foundation
import SmartCard

/// A `cmc-vcard insert` process: a virtual card in a vpcd reader for as long as it runs.
///
/// pcscd looks at a vpcd reader only every 400 ms, so a card pulled out and another put in
/// between two looks would pass for the same card. Removing one therefore waits until pcscd has
/// seen the reader empty, as a person's hand would take that long anyway.
final class InsertedCard {
    let process = Process()
    let reader: VirtualReader
    private let input = Pipe()
    private var removed = false

    /// Inserts the persona's card into a vpcd reader.
    init(persona: URL, reader: VirtualReader = .first) throws {
        self.reader = reader
        process.executableURL = BuiltProducts.executable("cmc-vcard")
        process.arguments = ["insert", persona.path, "--port", String(reader.port)]
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    convenience init(demo name: String, reader: VirtualReader = .first) throws {
        try self.init(persona: BuiltProducts.demoPersona(name), reader: reader)
    }

    /// Pulls the card out the gentle way: its standard input closes.
    func remove() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        waitUntilPCSCDSeesTheReaderEmpty()
    }

    /// Pulls the card out at once, even in the middle of a command.
    func yank() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        waitUntilPCSCDSeesTheReaderEmpty()
    }

    deinit { yank() }

    private func waitUntilPCSCDSeesTheReaderEmpty() {
        defer { removed = true }
        guard !removed, reader.isWatchable else { return }
        let log = EventLog()
        let monitor = ReaderMonitor(readerNameFilter: reader.name) { log.record($0) }
        monitor.start()
        defer { monitor.stop() }
        // The monitor's first look reports a card pcscd still shows; an empty reader, none.
        let deadline = Date().addingTimeInterval(3)
        Thread.sleep(forTimeInterval: 0.05)
        while Date() < deadline, case .cardInserted = log.cardEvents.last {
            Thread.sleep(forTimeInterval: 0.02)
        }
    }
}

/// The two readers vsmartcard-vpcd gives pcscd, with the ports their cards connect to.
struct VirtualReader: Sendable {
    let name: String
    let port: UInt16
    /// Whether the tests' own process can watch it (not so a private pcscd's readers).
    var isWatchable = true

    static let first = VirtualReader(name: "Virtual PCD 00 00", port: 35963)
    static let second = VirtualReader(name: "Virtual PCD 00 01", port: 35964)
    static let privateFirst = VirtualReader(name: "Private PCD 00 00", port: 35979, isWatchable: false)
}
