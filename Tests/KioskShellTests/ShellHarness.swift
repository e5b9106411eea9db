import Foundation
import KioskCore
import KioskDemo
import KioskNetwork
import KioskShell
import Synchronization
import Simulator
import SimulatorServer
import Testing

/// The kiosk's shell with the demo reader and an in-process simulator on loopback, spoken to
/// through the real libcurl client: everything but the terminal. Keys are kiosk inputs as they
/// are (``InputFront``).
final class ShellHarness: Sendable {
    static let demoFolder = URL(filePath: #filePath).deletingLastPathComponent()
        .appending(path: "../../Personas/demo").standardized

    let simulator: RunningSimulator
    let reader: DemoReader
    let runtime: KioskRuntime<InputFront>
    let personas: DemoPersonas
    private let engine: HTTPEngine
    /// Every transfer the engine finished, the simulator's control calls included.
    private let finishedTransfers = TransferLog()
    /// The audit trail the shell writes, one JSON object per line.
    let auditFile = FileManager.default.temporaryDirectory.appending(path: "cmc-kiosk-audit-\(UUID()).jsonl")

    init(
        timeouts: PortalTimeouts = .standard, sessionCommand: SessionCommandSettings? = nil,
        terminal: TerminalHandover? = nil, challengeLifetime: Duration = .seconds(120),
        simulatorChallengeTTL: TimeInterval = 120
    ) async throws {
        let anchors = try SimulatorConfiguration.loadTrustAnchors(path: Self.demoFolder.appending(path: "ca.pem").path)
        var configuration = SimulatorConfiguration(trustAnchors: anchors, timeouts: timeouts)
        configuration.challengeTTL = simulatorChallengeTTL
        simulator = try await SimulatorServer.start(configuration)
        personas = try DemoPersonas(folder: Self.demoFolder)
        reader = try DemoReader(personas: personas)
        engine = try HTTPEngine(configuration: HTTPEngine.Configuration(
            transferObserver: { [finishedTransfers] transfer in finishedTransfers.append(transfer) }))
        let services = KioskServices(
            cards: reader, engine: engine, gasURL: simulator.baseURL, portalURL: simulator.baseURL,
            environment: .live, deviceID: "test-kiosk", signatureDigest: .sha256, challengeLifetime: challengeLifetime,
            audit: try AuditLog(path: auditFile.path, deviceID: "test-kiosk", syslog: false),
            sessionCommand: sessionCommand, terminal: terminal)
        runtime = KioskRuntime(
            initialState: KioskState(environment: .demo, now: Date()), front: InputFront(), services: services,
            show: { _, _ in }, performFrontEffect: { _ in [] })
        runtime.send(.readerAdded(DemoReader.name))
    }

    func insert(_ key: String) throws {
        let index = try #require(personas.entries.firstIndex { $0.key == key })
        #expect(reader.insert(persona: index))
        runtime.send(.cardInserted(reader: DemoReader.name, atr: VirtualCard.atr))
    }

    func remove() {
        reader.remove()
        runtime.send(.cardRemoved(reader: DemoReader.name))
    }

    func type(_ text: String) {
        text.forEach { runtime.send(.input(.character($0))) }
        runtime.send(.input(.submit))
    }

    /// Waits until a drawn state satisfies `condition`.
    @discardableResult
    func waitForPhase(timeout: Duration = .seconds(10), _ condition: (KioskPhase) -> Bool) async -> KioskPhase? {
        let deadline = ContinuousClock.now + timeout
        repeat {
            let phase = await runtime.currentState.phase
            if condition(phase) { return phase }
            try? await Task.sleep(for: .milliseconds(10))
        } while ContinuousClock.now < deadline
        return nil
    }

    /// Adds a fault rule (`FaultRule`'s JSON) to the simulator.
    func addFault(_ rule: String) async throws {
        let body = Array(#"{"rules": [\#(rule)]}"#.utf8)
        let response = try await engine.send(HTTPRequest(
            method: .post, url: "\(simulator.baseURL)/_sim/faults", headers: [HTTPHeader(name: "Content-Type", value: "application/json")], body: body))
        try #require(response.status == 200, "the fault was taken: \(response.status)")
    }

    /// The kiosk's own transfers so far (not the simulator's control calls), in the order they ended.
    var transfers: [TransferRecord] {
        finishedTransfers.records.filter { !$0.request.contains("/_sim/") }
    }

    func status() async throws -> [String: Any] {
        let response = try await engine.send(HTTPRequest(method: .get, url: "\(simulator.baseURL)/_sim/status"))
        return try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    func liveSessions() async throws -> [[String: Any]] {
        ((try await status()["portal"] as? [String: Any])?["sessions"] as? [[String: Any]]) ?? []
    }

    func liveTickets() async throws -> [[String: Any]] {
        ((try await status()["gas"] as? [String: Any])?["tickets"] as? [[String: Any]]) ?? []
    }

    /// Whether the simulator holds no live portal session and no live ticket.
    func leftNothingBehind() async throws -> Bool {
        let sessions = try await liveSessions()
        let tickets = try await liveTickets()
        return sessions.isEmpty && tickets.isEmpty
    }

    /// Polls the simulator until `condition` holds.
    func waitForSimulator(timeout: Duration = .seconds(5), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        repeat {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        } while ContinuousClock.now < deadline
        return try await condition()
    }

    /// The audit trail's events so far, by name.
    func auditedEvents() throws -> [[String: Any]] {
        let text = (try? String(contentsOf: auditFile, encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// Polls the audit trail until the names of its events satisfy `condition`.
    func waitForAudit(timeout: Duration = .seconds(5), _ condition: ([String]) -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        repeat {
            if condition(try auditedEvents().compactMap { $0["event"] as? String }) { return true }
            try await Task.sleep(for: .milliseconds(20))
        } while ContinuousClock.now < deadline
        return false
    }

    /// Waits for the audit's `teardown_complete`.
    func waitForTeardown(timeout: Duration = .seconds(10)) async -> Bool {
        (try? await waitForAudit(timeout: timeout) { $0.contains("teardown_complete") }) ?? false
    }

    /// The kiosk's state once every event sent so far is handled.
    var state: KioskState {
        get async { await runtime.currentState }
    }

    func stop() async {
        await simulator.stop()
        try? FileManager.default.removeItem(at: auditFile)
    }
}

/// A front that takes kiosk inputs as keys, for tests that drive the shell without a terminal.
struct InputFront: KioskFront {
    func interpret(_ key: KioskInput, in kiosk: KioskState) -> [FrontOutcome<Never>] { [.kiosk(.input(key))] }
}

/// The transfers an engine reports, as its observer is told of them.
final class TransferLog: Sendable {
    private let log = Mutex<[TransferRecord]>([])

    func append(_ record: TransferRecord) { log.withLock { $0.append(record) } }

    var records: [TransferRecord] { log.withLock { $0 } }
}
