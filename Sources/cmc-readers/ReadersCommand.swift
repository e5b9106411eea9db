import ArgumentParser
import Foundation
import SmartCard

/// `cmc-readers`: prints smartcard reader events as they happen, each with a millisecond
/// wall-clock timestamp; for operators checking a reader, for tests and for benchmarks.
@main
struct ReadersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cmc-readers",
        abstract: "Watch smartcard readers and print each event with a timestamp (ms since 1970).",
        discussion: """
            Lines look like: 1764390000123 card-inserted "Virtual PCD 00 00" 3BF91800…
            Other events: reader-added, reader-removed, card-removed, service-unavailable, \
            service-restored. Stops at end of standard input or on SIGTERM/SIGINT.
            """)

    @Option(help: "Watch only readers whose name contains this text.")
    var filter: String = ""

    func run() throws {
        signal(SIGTERM, SIG_DFL)
        signal(SIGINT, SIG_DFL)
        let monitor = ReaderMonitor(readerNameFilter: filter) { event in
            let line = "\(Int64(Date().timeIntervalSince1970 * 1_000)) \(Self.describe(event))\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
        monitor.start()
        while FileHandle.standardInput.availableData.count > 0 {}
        monitor.stop()
    }

    static func describe(_ event: ReaderEvent) -> String {
        switch event {
        case .readerAdded(let name): "reader-added \"\(name)\""
        case .readerRemoved(let name): "reader-removed \"\(name)\""
        case .cardInserted(let reader, let atr): "card-inserted \"\(reader)\" \(hexString(atr))"
        case .cardRemoved(let reader): "card-removed \"\(reader)\""
        case .serviceUnavailable: "service-unavailable"
        case .serviceRestored: "service-restored"
        }
    }
}
