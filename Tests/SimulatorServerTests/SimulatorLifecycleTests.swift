import Foundation
import Simulator
import SimulatorServer
import Testing

@Suite("Starting and stopping an embedded simulator")
struct SimulatorLifecycleTests {
    @Test("stop() releases the port: later connections are refused")
    func stopCloses() async throws {
        let simulator = try await SimulatorServer.start(SimulatorConfiguration())
        #expect(simulator.port > 0)
        #expect(simulator.baseURL == "http://127.0.0.1:\(simulator.port)")
        #expect(try await Curl().get("\(simulator.baseURL)/_sim/status").status == 200)
        await simulator.stop()
        let refused = try await Curl().get("\(simulator.baseURL)/_sim/status")
        #expect(refused.exitCode == 7, "curl: could not connect")
    }

    @Test("a port already in use makes start() throw")
    func busyPort() async throws {
        let first = try await SimulatorServer.start(SimulatorConfiguration())
        await #expect(throws: (any Error).self) {
            let second = try await SimulatorServer.start(SimulatorConfiguration(port: first.port))
            await second.stop()
        }
        await first.stop()
    }

    @Test("unusable configurations are refused before binding", arguments: [
        SimulatorConfiguration(host: "0.0.0.0"),
        SimulatorConfiguration(host: "192.0.2.1"),
        SimulatorConfiguration(port: 70_000),
        SimulatorConfiguration(timeouts: PortalTimeouts(idle: 5, warning: 5, absolute: 10, lease: 1)),
        SimulatorConfiguration(challengeTTL: 0),
        SimulatorConfiguration(tls: TLSFiles(certificateChainPath: "/nonexistent.pem", privateKeyPath: "/nonexistent.key")),
    ])
    func refused(configuration: SimulatorConfiguration) async throws {
        await #expect(throws: SimulatorConfigurationError.self) {
            let simulator = try await SimulatorServer.start(configuration)
            await simulator.stop()
        }
    }

    @Test("duplicate or malformed UIDs are refused")
    func badUsers() async throws {
        let jane = DemoUsers.all[0]
        var short = jane
        short.uid = "5551"
        for users in [[jane, jane], [short]] {
            await #expect(throws: UserDirectoryError.self) {
                let simulator = try await SimulatorServer.start(SimulatorConfiguration(users: users))
                await simulator.stop()
            }
        }
    }
}
