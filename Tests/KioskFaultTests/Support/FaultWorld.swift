import Foundation
import KioskProcessTestSupport
import PCSCTestSupport
import Testing

/// One test's world on a pcscd of its own: a private mount namespace with pcscd and its vpcd
/// readers (ports 35987/35988, named `Faults PCD`), and a ``Scenario`` whose kiosk runs in that
/// namespace, so that it sees only this pcscd and the cards the test puts in. ``finish()`` ends
/// every process it started.
final class FaultWorld: @unchecked Sendable {
    static let readerName = "Faults PCD"
    static let readerPort: UInt16 = 35987
    /// Nurse Amir Khan's card (one-role.json): one role, so a good sign-in needs no choice.
    static let goodCard = "one-role"
    static let goodCardSignedIn = "Signed in as Nurse Amir Khan"

    let pcscd: PrivatePCSCD
    let scenario: Scenario

    init(_ name: String, simulatorOptions: [String] = []) throws {
        pcscd = try PrivatePCSCD.startedBlocking(friendlyName: Self.readerName, readerPort: Self.readerPort)
        do {
            let reader = ReaderSetup(name: pcscd.firstReaderName, port: Self.readerPort, launcher: pcscd.namespaced([]))
            scenario = try Scenario("faults-\(name)", simulatorOptions: simulatorOptions, reader: reader)
        } catch {
            pcscd.shutDown()
            throw error
        }
    }

    var kiosk: KioskUnderTest { scenario.kiosk }
    var simulator: SimulatorProcess { scenario.simulator }

    /// A copy of a demo persona with the given `faults` object, in the workspace.
    func persona(demo name: String = goodCard, faults: [String: Any]) throws -> String {
        let url = URL(filePath: Package.persona(name))
        guard var persona = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw LifecycleError.failed("\(url.path) is not a JSON object")
        }
        persona["faults"] = faults
        let path = scenario.workspace.file("faulty-\(name)-\(UUID().uuidString.prefix(4)).json")
        try JSONSerialization.data(withJSONObject: persona).write(to: URL(filePath: path))
        return path
    }

    /// The kiosk still runs (its shell has not printed its exit) and draws its banner; the pane.
    @discardableResult
    func expectKioskRunning(_ comment: String = "") -> String {
        let pane = kiosk.capture()
        #expect(!pane.contains("KIOSK-EXIT"), "the kiosk ended \(comment): \(pane)\n\(kioskErrors)")
        #expect(pane.split(separator: "\n").first?.contains("TEST") == true, "the banner \(comment): \(pane)")
        return pane
    }

    /// What the kiosk wrote on its standard error.
    var kioskErrors: String {
        (try? String(contentsOfFile: scenario.workspace.file("kiosk.err"), encoding: .utf8)) ?? ""
    }

    /// Takes `card` out, then a good card signs in normally and, taken out, leaves nothing behind.
    func expectNextGoodCardSignsIn(after card: VirtualCard) throws {
        scenario.removeAndExpectLock(card)
        let next = try scenario.insertAndEnterPasscode(demo: Self.goodCard)
        let signedIn = kiosk.wait(for: Self.goodCardSignedIn)
        #expect(signedIn.contains(Self.goodCardSignedIn), "the next good card signs in: \(signedIn)")
        let live = try simulator.status()
        #expect(live.sessions.count == 1 && live.tickets.count == 1, "one session, one ticket: \(live)")
        scenario.removeAndExpectLock(next)
        try scenario.expectNothingLeftBehind(seconds: 20, "after the good card")
    }

    func finish() {
        scenario.finish()
        pcscd.shutDown()
    }
}
