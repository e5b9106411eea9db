import Foundation
import Simulator
import SmartCard
import Testing

extension ThroughPCSCD {
    /// The reader monitor against the machine's pcscd with vsmartcard-vpcd and `cmc-vcard` cards.
    /// Serialized with the card profile tests: they share pcscd's first virtual reader.
    @Suite("Reader monitor through pcscd")
    struct ReaderMonitorTests {
        let reader = VirtualReader.first

        @Test func insertionIsReportedWithTheATRAndRemovalAfterIt() async throws {
            let recorder = RecordedMonitor(filter: reader.name)
            defer { recorder.monitor.stop() }
            #expect(await recorder.log.wait { $0.contains(.readerAdded(reader.name)) })

            let card = try InsertedCard(demo: "one-role", reader: reader)
            #expect(await recorder.waitForCard(in: reader))
            #expect(recorder.log.cardEvents == [.cardInserted(reader: reader.name, atr: VirtualCard.atr)])

            card.remove()
            #expect(await recorder.log.wait { $0.last == .cardRemoved(reader: reader.name) })
            #expect(!recorder.log.all.contains(.readerAdded(VirtualReader.second.name)), "the filter leaves other readers out")
        }

        @Test func aRemoveAndReinsertBetweenTwoLooksIsTwoEvents() async throws {
            // The handler holds the monitor thread after the first insertion, so the card is pulled out
            // and put back while the monitor is not looking: only pcscd's event counter can tell.
            let log = EventLog()
            let monitor = ReaderMonitor(readerNameFilter: reader.name) { event in
                log.record(event)
                if case .cardInserted = event, log.cardEvents.count == 1 { Thread.sleep(forTimeInterval: 2) }
            }
            monitor.start()
            defer { monitor.stop() }
            let first = try InsertedCard(demo: "one-role", reader: reader)
            #expect(await log.wait { !$0.isEmpty && log.cardEvents.count == 1 })
            first.remove()
            try await Task.sleep(for: .milliseconds(700))  // pcscd polls vpcd every 400 ms
            let second = try InsertedCard(demo: "several-roles", reader: reader)
            defer { second.remove() }
            #expect(await log.wait { _ in log.cardEvents.count == 3 })
            #expect(log.cardEvents == [
                .cardInserted(reader: reader.name, atr: VirtualCard.atr),
                .cardRemoved(reader: reader.name),
                .cardInserted(reader: reader.name, atr: VirtualCard.atr),
            ])
        }

        @Test func zeroMatchingReadersIsAQuietWaitThatStopsPromptly() async throws {
            let recorder = RecordedMonitor(filter: "No Such Reader")
            try await Task.sleep(for: .milliseconds(300))
            let clock = ContinuousClock()
            let stopping = clock.measure { recorder.monitor.stop() }
            #expect(recorder.log.all.isEmpty)
            print("monitor stop took \(stopping)")
            #expect(stopping < .seconds(1), "SCardCancel ends the infinite wait at once")
        }

        @Test func stopEndsAWaitOnAReaderPromptly() async throws {
            let recorder = RecordedMonitor(filter: reader.name)
            #expect(await recorder.log.wait { $0.contains(.readerAdded(reader.name)) })
            try await Task.sleep(for: .milliseconds(100))
            let stopping = ContinuousClock().measure { recorder.monitor.stop() }
            #expect(stopping < .seconds(1))
        }
    }
}
