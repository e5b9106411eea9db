import Foundation
import KioskCore
import KioskNetwork
import Simulator
import SimulatorServer
import Synchronization

/// Runs every GAS and portal call through the real client against one in-process simulator.
struct RoundTrips {
    let iterations: Int
    let card: BenchmarkCard
    /// The simulator to start; its TLS files come from `tls`.
    let configuration: SimulatorConfiguration
    let tls: LoopbackTLS?

    /// One table's rows: each call, then cancellation latency.
    func run() async throws -> [Samples] {
        var configuration = configuration
        configuration.tls = tls?.server
        let simulator = try await SimulatorServer.start(configuration)
        do {
            let rows = try await measure(against: simulator)
            await simulator.stop()
            return rows
        } catch {
            await simulator.stop()
            throw error
        }
    }

    private func measure(against simulator: RunningSimulator) async throws -> [Samples] {
        let engine = try HTTPEngine(configuration: .init(extraCAFile: tls?.authorityFile, userAgent: "bench-network/1"))
        let gas = GASClient(
            baseURL: simulator.baseURL, engine: engine, deviceID: "bench", clientIP: "127.0.0.1", environment: .demo)
        let portal = PortalClient(baseURL: simulator.baseURL, engine: engine)
        var rows = [
            "GAS activate", "GAS validate (incl. card signing)", "  of which virtual-card signing", "GAS role selection",
            "portal open session", "portal status", "portal keep-alive", "portal hand-off", "portal logout", "GAS logout",
        ].map(Samples.init)
        let clock = ContinuousClock()
        let signing = SigningClock()
        let signer = card.signer
        let timedSigner: SignedDataBuilder.Signer = { message in
            let start = ContinuousClock.now
            defer { signing.record(ContinuousClock.now - start) }
            return try await signer(message)
        }
        // One login first, unmeasured: it opens the connection that the rest reuse.
        for iteration in -1..<iterations {
            var times: [Duration] = []
            func timed<T>(_ call: () async throws -> T) async throws -> T {
                let start = clock.now
                let value = try await call()
                times.append(clock.now - start)
                return value
            }
            let challenge = try await timed { try await gas.activate() }
            let login = try await timed {
                try await gas.authenticate(
                    challenge: challenge, uid: card.uid, certificateDER: card.certificateDER, signer: timedSigner)
            }
            times.append(signing.last)
            guard let role = login.roles.first else { throw BenchmarkError("the persona has no role") }
            try await timed { try await gas.selectRole(role, for: login) }
            _ = try await timed {
                try await portal.openSession(ticket: login.ticket, uid: login.uid, role: Role(role), deviceID: "bench")
            }
            _ = try await timed { try await portal.status() }
            _ = try await timed { try await portal.keepAlive() }
            _ = try await timed { try await portal.handoff() }
            try await timed { try await portal.logout(reason: .userLogout) }
            try await timed { try await gas.logout(login) }
            guard iteration >= 0 else { continue }
            for (index, time) in times.enumerated() { rows[index].append(time) }
        }
        rows.append(try await cancellationLatency(simulator, engine: engine))
        return rows
    }

    /// Cancels a request to an endpoint delayed by 2 s, 20 ms after sending it; the time from
    /// `cancel()` to the call's return.
    private func cancellationLatency(_ simulator: RunningSimulator, engine: HTTPEngine) async throws -> Samples {
        let rule = #"{"path_prefix": "/api/smartcard/sessions/current", "latency_ms": 2000}"#
        let added = try await engine.send(HTTPRequest(
            method: .post, url: "\(simulator.baseURL)/_sim/faults",
            headers: [HTTPHeader(name: "Content-Type", value: "application/json")], body: Array(rule.utf8)))
        guard added.status == 200 else { throw BenchmarkError("the simulator refused the latency fault") }
        var samples = Samples("cancel in flight (2 s-delayed call)")
        let clock = ContinuousClock()
        for _ in 0..<iterations {
            let task = Task {
                try await engine.send(HTTPRequest(method: .get, url: "\(simulator.baseURL)/api/smartcard/sessions/current"))
            }
            try await Task.sleep(for: .milliseconds(20))
            let start = clock.now
            task.cancel()
            guard case .failure(HTTPError.cancelled) = await task.result else {
                throw BenchmarkError("a cancelled request did not end as cancelled")
            }
            samples.append(clock.now - start)
        }
        _ = try await engine.send(HTTPRequest(method: .delete, url: "\(simulator.baseURL)/_sim/faults"))
        return samples
    }
}

/// The duration of the last card signature, written from the signer's task.
private final class SigningClock: Sendable {
    private let value = Mutex(Duration.zero)

    func record(_ duration: Duration) { value.withLock { $0 = duration } }
    var last: Duration { value.withLock { $0 } }
}
