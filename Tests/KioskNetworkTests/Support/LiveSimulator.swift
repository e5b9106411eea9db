import Foundation
import KioskCore
import enum Simulator.DemoUsers
import struct Simulator.PortalTimeouts
import struct Simulator.SpineUser
import SimulatorServer
import Testing

@testable import KioskNetwork

/// The project's simulator in-process on loopback, and a kiosk engine that trusts it: the peer of
/// every GAS and portal test.
struct LiveSimulator {
    let server: RunningSimulator
    /// The engine under test.
    let engine: HTTPEngine
    /// A second engine for the test-only `/_sim/` endpoints.
    private let control: HTTPEngine

    var base: String { server.baseURL }

    /// Runs `body` against a fresh simulator (HTTPS with `certificate`, by default one for
    /// `localhost` and 127.0.0.1 from the test CA; or plain HTTP), stopping it afterwards whatever
    /// happens.
    static func with(
        tls: Bool = true, certificate: TLSFiles? = nil, timeouts: PortalTimeouts = .standard, challengeTTL: TimeInterval = 120,
        users: [SpineUser] = DemoUsers.all, engine configure: (inout HTTPEngine.Configuration) -> Void = { _ in },
        _ body: (LiveSimulator) async throws -> Void
    ) async throws {
        let pki = try TestTLS.shared.get()
        let configuration = SimulatorConfiguration(
            users: users, tls: tls ? certificate ?? pki.loopbackServer : nil,
            trustAnchors: try SimulatorConfiguration.loadTrustAnchors(path: DemoCard.caFile), timeouts: timeouts,
            challengeTTL: challengeTTL, sweepInterval: 0.1)
        let server = try await SimulatorServer.start(configuration)
        var engineConfiguration = HTTPEngine.Configuration(extraCAFile: pki.authorityFile, userAgent: "cmc-kiosk/1.2.3")
        configure(&engineConfiguration)
        let simulator = LiveSimulator(
            server: server, engine: try HTTPEngine(configuration: engineConfiguration),
            control: try HTTPEngine(configuration: .init(extraCAFile: pki.authorityFile)))
        do {
            try await body(simulator)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    func gas(environment: KioskEnvironment = .test) -> GASClient {
        GASClient(baseURL: base + "/", engine: engine, deviceID: "ward7-kiosk-2", clientIP: "127.0.0.1", environment: environment)
    }

    func portal() -> PortalClient {
        PortalClient(baseURL: base, engine: engine)
    }

    // MARK: Flows

    /// Steps 1–3 with a demo card.
    func authenticate(_ card: DemoCard, gas: GASClient? = nil) async throws -> SpineAuthentication {
        let gas = gas ?? self.gas()
        let challenge = try await gas.activate()
        return try await gas.authenticate(
            challenge: challenge, uid: card.uid, certificateDER: card.certificateDER, signer: card.signer)
    }

    /// Steps 1–4 and a portal session, for a persona with roles.
    func signIn(_ card: DemoCard, portal: PortalClient) async throws -> (SpineAuthentication, PortalSession) {
        let gas = gas()
        let login = try await authenticate(card, gas: gas)
        let role = try #require(login.roles.first)
        try await gas.selectRole(role, for: login)
        let session = try await portal.openSession(
            ticket: login.ticket, uid: login.uid, role: Role(role), deviceID: "ward7-kiosk-2")
        return (login, session)
    }

    // MARK: Control

    /// Adds one fault rule (`POST /_sim/faults`), as JSON fields.
    func inject(_ rule: [String: any Sendable]) async throws {
        let body = try JSONSerialization.data(withJSONObject: rule)
        let response = try await control.send(HTTPRequest(
            method: .post, url: "\(base)/_sim/faults", headers: [HTTPHeader(name: "Content-Type", value: "application/json")],
            body: Array(body)))
        #expect(response.status == 200, "fault refused: \(String(decoding: response.body, as: UTF8.self))")
    }

    /// Ends a user's portal session from the portal's side (`POST /_sim/sessions/end`).
    func endSession(uid: String, reason: String) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["uid": uid, "reason": reason])
        let response = try await control.send(HTTPRequest(method: .post, url: "\(base)/_sim/sessions/end", body: Array(body)))
        #expect(response.status == 200)
    }

    /// `GET /_sim/status`.
    func status() async throws -> SimulatorStatus {
        let response = try await control.send(HTTPRequest(method: .get, url: "\(base)/_sim/status"))
        return try JSONDecoder().decode(SimulatorStatus.self, from: Data(response.body))
    }

    /// A plain GET through the control engine (role assertion, hand-off URLs).
    func get(_ url: String) async throws -> (status: Int, text: String) {
        let response = try await control.send(HTTPRequest(method: .get, url: url))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }
}

/// The parts of `GET /_sim/status` the tests read.
struct SimulatorStatus: Decodable {
    struct Portal: Decodable {
        let sessions: [Session]
        let endedSessions: [Ended]
        enum CodingKeys: String, CodingKey { case sessions, endedSessions = "ended_sessions" }
    }
    struct Session: Decodable {
        let sessionID: String
        let uid: String
        let roleProfileID: String
        let deviceID: String?
        enum CodingKeys: String, CodingKey {
            case sessionID = "session_id", uid, roleProfileID = "role_profile_id", deviceID = "device_id"
        }
    }
    struct Ended: Decodable {
        let uid: String
        let reason: String
        let logoutReason: String?
        enum CodingKeys: String, CodingKey { case uid, reason, logoutReason = "logout_reason" }
    }
    struct GAS: Decodable {
        let tickets: [Ticket]
        let outstandingChallenges: Int
        enum CodingKeys: String, CodingKey { case tickets, outstandingChallenges = "outstanding_challenges" }
    }
    struct Ticket: Decodable {
        let uid: String
        let selectedRole: String?
        let smimeQuirks: [String]
        enum CodingKeys: String, CodingKey { case uid, selectedRole = "selected_role", smimeQuirks = "smime_quirks" }
    }

    let portal: Portal
    let gas: GAS
}

/// Test CAs and the TLS certificates a simulator can serve, made once per test run.
struct TestTLS: Sendable {
    /// The CA the test engines trust.
    let authorityFile: String
    /// Another CA, standing in for the system store.
    let systemAuthorityFile: String
    /// For `localhost` and 127.0.0.1, by the trusted CA.
    let loopbackServer: TLSFiles
    /// For `gas.example.org` only, by the trusted CA.
    let otherNameServer: TLSFiles
    /// For `localhost` and 127.0.0.1, by the system stand-in.
    let systemServer: TLSFiles
    /// For `localhost` and 127.0.0.1, by a CA nobody trusts.
    let strangerServer: TLSFiles

    static let shared = Result { try TestTLS() }

    private init() throws {
        let directory = try TemporaryDirectory()
        func server(_ authority: TestPKI.Authority, _ names: [String] = ["localhost"], ip: Bool = true) throws -> TLSFiles {
            let pair = try TestPKI.makeServer(signedBy: authority, dnsNames: names, loopbackIP: ip, in: directory)
            return TLSFiles(certificateChainPath: pair.certificate, privateKeyPath: pair.key)
        }
        let authority = try TestPKI.makeAuthority("cmc-kiosk test CA")
        let system = try TestPKI.makeAuthority("stand-in system CA")
        let stranger = try TestPKI.makeAuthority("unrelated CA")
        authorityFile = try directory.file("ca.pem", text: authority.pem)
        systemAuthorityFile = try directory.file("system.pem", text: system.pem)
        loopbackServer = try server(authority)
        otherNameServer = try server(authority, ["gas.example.org"], ip: false)
        systemServer = try server(system)
        strangerServer = try server(stranger)
    }
}
