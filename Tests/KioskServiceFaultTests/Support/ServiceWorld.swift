import Foundation
import KioskProcessTestSupport
import PCSCTestSupport
import Testing

/// One test's terminal with a pcscd of its own: a private pcscd (its vpcd readers on ports
/// 35989/35990, named `Service PCD`) in a mount namespace, the kiosk run in that namespace in
/// tmux, a `cmc-sim` over TLS and `cmc-vcard` cards, so that the test may kill pcscd, stop the
/// simulator or break its answers without touching anyone else's. ``finish()`` ends it all.
final class ServiceWorld: @unchecked Sendable {
    static let readerName = "Service PCD"
    static let readerPort: UInt16 = 35989
    /// Short network bounds, so that a slow server is given up on quickly.
    static let network = """
        [network]
        connect_timeout_seconds = 2
        request_timeout_seconds = 4
        """
    /// `[network] request_timeout_seconds` above.
    static let requestTimeout: Double = 4

    let pcscd: PrivatePCSCD
    let scenario: Scenario
    var kiosk: KioskUnderTest { scenario.kiosk }
    var simulator: SimulatorProcess { scenario.simulator }

    /// pcscd with its reader, then the simulator (serving with `certificate`) and the kiosk on
    /// its lock screen.
    init(_ name: String, simulatorOptions: [String] = [],
         certificate: ServerCertificate = ServerPKI.shared.server) async throws {
        pcscd = try PrivatePCSCD(friendlyName: Self.readerName, readerPort: Self.readerPort)
        do {
            try pcscd.configureVirtualReader()
            try await Self.start(pcscd)
            let reader = ReaderSetup(name: Self.readerName, port: Self.readerPort, launcher: pcscd.namespaced([]))
            scenario = try Scenario("service-\(name)", simulatorOptions: simulatorOptions, reader: reader,
                                    certificate: certificate) { _ in Self.network }
        } catch {
            pcscd.shutDown()
            throw error
        }
    }

    /// Starts pcscd and waits until it shows the reader.
    func startPCSCD() async throws { try await Self.start(pcscd) }

    private static func start(_ pcscd: PrivatePCSCD) async throws {
        guard try await waitForNextLine(#"reader-added "\#(readerName) 00 00""#, in: pcscd, after: { try pcscd.startDaemon() })
        else { throw LifecycleError.failed("the private pcscd showed no reader: \(pcscd.lines)") }
    }

    /// Kills pcscd (SIGKILL) and waits until `cmc-readers`, in the same namespace, has seen it go.
    func killPCSCD() async throws {
        let seen = await Self.waitForNextLine("service-unavailable", in: pcscd) { pcscd.killDaemon() }
        #expect(seen, "cmc-readers saw pcscd go: \(pcscd.lines)")
    }

    /// Puts a demo card in and waits until pcscd has seen it.
    @discardableResult
    func insert(demo name: String) async throws -> VirtualCard {
        var card: VirtualCard?
        guard try await Self.waitForNextLine(#"card-inserted "\#(Self.readerName) 00 00""#, in: pcscd, after: {
                  card = try scenario.insert(demo: name)
              }),
              let card
        else { throw LifecycleError.failed("pcscd did not see the \(name) card: \(pcscd.lines)") }
        return card
    }

    /// Pulls the card out, without the usual pause, and waits until `cmc-readers` has seen the
    /// reader empty; the moment it saw it, within the 10 ms of its polling.
    func removeAndWaitForPCSCD(_ card: VirtualCard) async throws -> ContinuousClock.Instant {
        let seen = await Self.waitForNextLine(#"card-removed "\#(Self.readerName) 00 00""#, in: pcscd) { card.remove(settle: 0) }
        try #require(seen, "pcscd saw the card go: \(pcscd.lines)")
        return .now
    }

    /// Does `action`, then waits until one more of `cmc-readers`' lines than before contains `text`.
    private static func waitForNextLine(_ text: String, in pcscd: PrivatePCSCD, after action: () throws -> Void) async rethrows -> Bool {
        let before = pcscd.lines.filter { $0.contains(text) }.count
        try action()
        return await pcscd.waitForLine(containing: text, occurrence: before + 1)
    }

    /// Inserts a demo card and types its passcode once asked for it.
    @discardableResult
    func insertAndEnterPasscode(demo name: String) async throws -> VirtualCard {
        let card = try await insert(demo: name)
        try scenario.enterPasscode("123456")
        return card
    }

    /// A whole sign-in with Nurse Amir Khan's one-role card, then the card out: the lock screen
    /// and nothing left at the simulator.
    func signInAndOutAgain() async throws {
        let card = try await insertAndEnterPasscode(demo: "one-role")
        let signedIn = kiosk.wait(for: "Signed in as Nurse Amir Khan")
        #expect(signedIn.contains("Signed in as Nurse Amir Khan"), "a new card signs in: \(signedIn)")
        #expect(try simulator.status().sessions(uid: "555100000002").count == 1)
        scenario.removeAndExpectLock(card)
        try scenario.expectNothingLeftBehind(seconds: 20, "after the new card")
    }

    /// The kiosk is still running: its command has not ended (the pane would say `KIOSK-EXIT-`).
    func expectKioskRunning() {
        let pane = kiosk.capture()
        #expect(!pane.contains("KIOSK-EXIT-"), "the kiosk ended: \(pane)")
    }

    func finish() {
        scenario.finish()
        pcscd.shutDown()
    }
}
