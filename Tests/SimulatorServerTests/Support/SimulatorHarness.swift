import GPObject
import Foundation
import Simulator
import SimulatorServer
import Testing

/// The steps a kiosk takes, over curl, against a simulator: in-process (``start(timeouts:sweepInterval:tls:)``)
/// or any other at `base`.
struct SimulatorHarness {
    let base: String
    let curl: Curl
    /// The in-process server, when this harness started one.
    var simulator: RunningSimulator?
    let pki = TestPKI.shared

    /// Runs `body` against a fresh in-process simulator, stopping it afterwards whatever happens.
    static func with(
        timeouts: PortalTimeouts = .standard, sweepInterval: TimeInterval = 1, tls: Bool = false,
        _ body: (SimulatorHarness) async throws -> Void
    ) async throws {
        let harness = try await start(timeouts: timeouts, sweepInterval: sweepInterval, tls: tls)
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    static func start(
        timeouts: PortalTimeouts = .standard, sweepInterval: TimeInterval = 1, tls: Bool = false
    ) async throws -> SimulatorHarness {
        let pki = TestPKI.shared
        let configuration = SimulatorConfiguration(
            tls: tls ? TLSFiles(certificateChainPath: pki.server.certificatePath, privateKeyPath: pki.server.keyPath) : nil,
            trustAnchors: [try pki.caCertificate], timeouts: timeouts, sweepInterval: sweepInterval)
        let simulator = try await SimulatorServer.start(configuration)
        return SimulatorHarness(
            base: simulator.baseURL, curl: try Curl(caFile: tls ? pki.ca.certificatePath : nil), simulator: simulator)
    }

    /// Stops the in-process server; call at the end of every test that started one.
    func stop() async {
        await simulator?.stop()
    }

    /// A gpOBJECT request body.
    static func gpObject(_ parameters: [(String, String)]) -> String {
        var object = GPObject()
        for (name, value) in parameters { object.append(name, value) }
        return object.xml(prolog: true)
    }

    /// Steps 1–3: activation, card signature, validation. Returns the validation answer. The card is
    /// `card`, or one issued for `uid` by the test CA.
    func authenticate(uid: String, claimedUID: String? = nil, card: TestPKI.Credential? = nil) async throws -> GPObject {
        let activation = try await curl.postXML("\(base)/login/authactivate", Self.gpObject([
            ("auth_method", "3"), ("app_url", "NHST"), ("log_session_id", "Ab3dE6gH9j"),
            ("device_id", "ward7-kiosk-2,ClientIP=127.0.0.1"), ("service", "ACTIVATION"),
        ]))
        let challengeObject = try GPObject(parsing: activation.text)
        let challenge = try #require(challengeObject["challenge"])
        let challengeBytes = try #require(Data(base64Encoded: challenge))
        let card = if let card { card } else { try await pki.card(uid: uid) }
        let response = try await pki.response(signing: Array(challengeBytes), with: card)
        let replyURL = try #require(challengeObject["reply_url"])
        let validation = try await curl.postXML(replyURL, Self.gpObject([
            ("auth_method", "3"), ("app_url", "NHST"), ("log_session_id", "Ab3dE6gH9j"),
            ("device_id", "ward7-kiosk-2,ClientIP=127.0.0.1"), ("service", "AUTHENTICATION"),
            ("challenge", challenge), ("signature", challengeObject["signature"] ?? ""),
            ("uid", claimedUID ?? uid), ("card_type", "p11"), ("response", response), ("mobility", "0"),
        ]))
        return try GPObject(parsing: validation.text)
    }

    /// Step 4.
    func selectRole(ticket: String, roleID: String) async throws -> Curl.Result {
        try await curl.get(
            "\(base)/saml/RoleSelectionGP.jsp?token=\(ticket.queryEncoded)&selectedRoleUid=\(roleID)&ssbMode=0&fallbackStatus=0")
    }

    /// Steps 1–4 for a user with roles; returns the ticket.
    func signIn(uid: String, roleID: String) async throws -> String {
        let ticket = try #require(try await authenticate(uid: uid)["sso_ticket"])
        let selection = try await selectRole(ticket: ticket, roleID: roleID)
        #expect(selection.text.contains("<STATUS>OK</STATUS>"))
        return ticket
    }

    /// Opens a portal session for a signed-in ticket.
    func openSession(ticket: String, uid: String, roleID: String) async throws -> Curl.Result {
        try await curl.postJSON("\(base)/api/smartcard/sessions", """
            {"sso_ticket": "\(ticket)", "uid": "\(uid)", "role_profile_id": "\(roleID)",
             "device_id": "ward7-kiosk-2", "client": "cmc-kiosk/1.0.0"}
            """)
    }

    /// `POST current/handoff` with this kiosk's cookie: the one-time URL that signs a browser in.
    func handoffURL() async throws -> String {
        let handoff = try await curl.request("POST", "\(base)/api/smartcard/sessions/current/handoff")
        return try #require(handoff.json["url"] as? String, "\(handoff.status) \(handoff.text)")
    }

    /// `GET /_sim/status` as JSON.
    func status() async throws -> [String: Any] {
        try await curl.get("\(base)/_sim/status").json
    }
}
