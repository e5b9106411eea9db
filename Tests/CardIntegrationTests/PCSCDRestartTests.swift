import Foundation
import PCSCTestSupport
import Testing

/// pcscd starting late, going away and coming back, with a pcscd of the test's own in a private
/// mount namespace (a folder bound over /run/pcscd there only), so that the machine's pcscd and
/// the other tests are left alone. The monitor runs as `cmc-readers` in the same namespace; the
/// private vpcd readers listen on ports 35979/35980.
@Suite("Reader monitor with a pcscd that stops and starts")
struct PCSCDRestartTests {
    @Test func serviceLossIsReportedAndRecoveredWithoutARestart() async throws {
        let pcscd = try PrivatePCSCD(friendlyName: "Private PCD", readerPort: VirtualReader.privateFirst.port)
        defer { pcscd.shutDown() }
        #expect(await pcscd.waitForLine(containing: "service-unavailable"), "the monitor starts before pcscd does")
        try pcscd.startDaemon()
        #expect(await pcscd.waitForLine(containing: "service-restored"))
        try await Task.sleep(for: .milliseconds(300))
        #expect(!pcscd.lines.contains { $0.contains("reader-added") }, "with no reader, the monitor waits quietly")

        // pcsc-lite 1.9.9 loads vpcd's (serial) readers only when it starts, so a reader is
        // "plugged in later" by restarting pcscd with it configured.
        pcscd.killDaemon()
        #expect(await pcscd.waitForLine(containing: "service-unavailable", occurrence: 2))
        try pcscd.configureVirtualReader()
        try pcscd.startDaemon()
        #expect(await pcscd.waitForLine(containing: "service-restored", occurrence: 2))
        #expect(await pcscd.waitForLine(containing: #"reader-added "Private PCD 00 00""#))

        let firstCard = try InsertedCard(demo: "one-role", reader: .privateFirst)
        #expect(await pcscd.waitForLine(containing: #"card-inserted "Private PCD 00 00" 3BF91800008131FE454A434F503431563232AF"#))

        pcscd.killDaemon()
        #expect(await pcscd.waitForLine(containing: "service-unavailable", occurrence: 3))
        #expect(pcscd.lines.contains { $0.contains(#"card-removed "Private PCD 00 00""#) }, "the card is no longer vouched for")
        firstCard.yank()

        try pcscd.startDaemon()
        #expect(await pcscd.waitForLine(containing: "service-restored", occurrence: 3))
        #expect(await pcscd.waitForLine(containing: #"reader-added "Private PCD 00 00""#, occurrence: 2))

        let secondCard = try InsertedCard(demo: "several-roles", reader: .privateFirst)
        defer { secondCard.remove() }
        #expect(await pcscd.waitForLine(containing: #"card-inserted "Private PCD 00 00""#, occurrence: 2))
    }
}
