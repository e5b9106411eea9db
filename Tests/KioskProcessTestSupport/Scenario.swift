import Foundation
import Testing

/// One test's world: a simulator, the kiosk in tmux, and the cards it puts in the kiosk's vpcd
/// reader (by default the second reader of the machine's pcscd); ``finish()`` ends every process
/// it started.
public final class Scenario: @unchecked Sendable {
    public let workspace: Workspace
    public private(set) var simulator: SimulatorProcess
    public let kiosk: KioskUnderTest
    public let reader: ReaderSetup
    private var cards: [VirtualCard] = []
    private let simulatorOptions: [String]
    private let certificate: ServerCertificate
    private let simulatorLauncher: [String]

    /// `kioskConfiguration` adds tables to the kiosk's configuration file; it may write files
    /// of its own into the workspace first. The simulator serves with `certificate`, started
    /// through `simulatorLauncher` (e.g. into a test bed's namespace).
    /// `afterKioskExit` runs in the kiosk's terminal once the kiosk has ended; `terminal` says
    /// how tmux reaches the kiosk.
    public init(_ name: String, simulatorOptions: [String] = [], simulatorLauncher: [String] = [],
                reader: ReaderSetup = .lifecycle, certificate: ServerCertificate = ServerPKI.shared.server,
                kioskConfiguration: (Workspace) throws -> String = { _ in "" },
                afterKioskExit: String = "sleep 60", terminal: KioskTerminal = .local) throws {
        workspace = try Workspace(name)
        self.reader = reader
        self.simulatorOptions = simulatorOptions
        self.certificate = certificate
        self.simulatorLauncher = simulatorLauncher
        simulator = try SimulatorProcess(in: workspace, options: simulatorOptions, certificate: certificate, launcher: simulatorLauncher)
        do {
            kiosk = try KioskUnderTest(
                simulator: simulator, reader: reader, in: workspace, extraConfiguration: kioskConfiguration(workspace),
                afterExit: afterKioskExit, terminal: terminal)
        } catch {
            simulator.stop()
            throw error
        }
        let lock = kiosk.wait(for: "Insert your NHS smartcard", seconds: 60)
        #expect(lock.contains("Insert your NHS smartcard"), "the lock screen: \(lock)")
        #expect(lock.contains("TEST"), "the TEST banner: \(lock)")
    }

    /// Puts the card of a persona file into the reader; as a PIV card if `piv`.
    @discardableResult
    public func insert(persona path: String, piv: Bool = false) throws -> VirtualCard {
        let card = try VirtualCard(persona: path, reader: reader, piv: piv, in: workspace)
        cards.append(card)
        return card
    }

    @discardableResult
    public func insert(demo name: String, piv: Bool = false) throws -> VirtualCard {
        try insert(persona: Package.persona(name), piv: piv)
    }

    /// A new simulator on the stopped one's port, as a server restarted after a crash: same
    /// address and options, none of the old one's sessions or tickets.
    public func startSimulatorAgain() throws {
        simulator = try SimulatorProcess(
            in: workspace, options: simulatorOptions, port: simulator.port, certificate: certificate, launcher: simulatorLauncher)
    }

    /// Inserts the card and types its passcode once asked for it.
    @discardableResult
    public func insertAndEnterPasscode(demo name: String, piv: Bool = false, passcode: String = "123456") throws -> VirtualCard {
        let card = try insert(demo: name, piv: piv)
        try enterPasscode(passcode)
        return card
    }

    public func enterPasscode(_ passcode: String) throws {
        let asked = kiosk.wait(for: "Enter your passcode")
        #expect(asked.contains("Enter your passcode"), "the passcode screen: \(asked)")
        try kiosk.type(passcode)
        try kiosk.send("Enter")
    }

    /// The card out; the kiosk's lock screen and its last words.
    @discardableResult
    public func removeAndExpectLock(_ card: VirtualCard) -> String {
        card.remove()
        let screen = kiosk.wait(for: "Insert your NHS smartcard", seconds: 30)
        #expect(screen.contains("Insert your NHS smartcard"), "removal locks: \(screen)")
        return screen
    }

    /// The simulator's status once nothing is live (no session, no ticket), or after `seconds`.
    @discardableResult
    public func expectNothingLeftBehind(seconds: Double = 20, _ comment: String = "") throws -> SimStatus {
        let status = try simulator.waitForStatus(seconds: seconds) { $0.isClean }
        #expect(status.sessions.isEmpty, "no portal session left \(comment): \(status)")
        #expect(status.tickets.isEmpty, "no Spine ticket left \(comment): \(status)")
        return status
    }

    public func auditText() -> String { (try? String(contentsOfFile: kiosk.auditPath, encoding: .utf8)) ?? "" }

    /// The audit file's records, each line parsed as a JSON object.
    public func auditRecords() -> [[String: Any]] {
        auditText().split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// The audit records of `event` once `condition` holds for them, or as they are after `seconds`.
    @discardableResult
    public func waitForAudit(_ event: String, seconds: Double = 20,
                      until condition: ([[String: Any]]) -> Bool = { !$0.isEmpty }) -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(seconds)
        var records = auditRecords().filter { $0["event"] as? String == event }
        while !condition(records), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            records = auditRecords().filter { $0["event"] as? String == event }
        }
        return records
    }

    /// Ends the kiosk, pulls every card, stops the simulator.
    public func finish() {
        kiosk.kill()
        for card in cards { card.remove() }
        cards = []
        simulator.stop()
    }
}
