import Foundation
import Testing

@testable import KioskNetwork

/// TLS verification against the simulator serving certificates made in the test.
@Suite struct HTTPEngineTLSTests {
    private let tls: TestTLS

    init() throws {
        tls = try TestTLS.shared.get()
    }

    private func get(_ engine: HTTPEngine, _ url: String) async throws -> HTTPResponse {
        try await engine.send(HTTPRequest(method: .get, url: url))
    }

    private func tlsFailure(_ error: any Error) -> TLSFailure? {
        if case .tlsFailure(let failure, _) = error as? HTTPError { return failure }
        return nil
    }

    @Test func trustsTheSimulatorWithTheCAFile() async throws {
        try await LiveSimulator.with { simulator in
            let engine = try HTTPEngine(configuration: .init(extraCAFile: tls.authorityFile))
            #expect(simulator.base.hasPrefix("https://127.0.0.1:"))
            #expect(try await get(engine, "\(simulator.base)/_sim/status").status == 200)
            #expect(try await get(engine, "https://localhost:\(simulator.server.port)/_sim/status").status == 200)
        }
    }

    @Test func refusesAnUnknownCA() async throws {
        try await LiveSimulator.with { simulator in
            await #expect {
                _ = try await get(try HTTPEngine(), "\(simulator.base)/_sim/status")
            } throws: { error in
                print("unknown CA: \(error)")
                return tlsFailure(error) == .unknownAuthority
            }
        }
    }

    @Test func refusesAHostNameMismatch() async throws {
        try await LiveSimulator.with(certificate: tls.otherNameServer) { simulator in
            let engine = try HTTPEngine(configuration: .init(extraCAFile: tls.authorityFile))
            await #expect {
                _ = try await get(engine, "https://localhost:\(simulator.server.port)/_sim/status")
            } throws: { error in
                print("host-name mismatch: \(error)")
                return tlsFailure(error) == .hostNameMismatch
            }
        }
    }

    @Test func theExtraCAAddsToTheSystemStoreRatherThanReplacingIt() async throws {
        var configuration = HTTPEngine.Configuration(extraCAFile: tls.authorityFile)
        configuration.systemCABundle = tls.systemAuthorityFile
        let engine = try HTTPEngine(configuration: configuration)
        try await LiveSimulator.with(certificate: tls.systemServer) { bySystem in
            let response = try await get(engine, "\(bySystem.base)/_sim/status")
            #expect(response.status == 200)
        }
        try await LiveSimulator.with { byExtra in
            let response = try await get(engine, "\(byExtra.base)/_sim/status")
            #expect(response.status == 200)
        }
        try await LiveSimulator.with(certificate: tls.strangerServer) { byStranger in
            await #expect {
                _ = try await get(engine, "\(byStranger.base)/_sim/status")
            } throws: { tlsFailure($0) == .unknownAuthority }
        }
    }

    @Test func theRealSystemBundleIsKept() throws {
        let bundle = try #require(try CABundle.make(extraCAFile: tls.authorityFile, systemBundle: nil))
        let system = try #require(FileManager.default.contents(atPath: CABundle.defaultBundlePath()))
        let authority = try #require(FileManager.default.contents(atPath: tls.authorityFile))
        #expect(Array(bundle.prefix(system.count)) == Array(system))
        #expect(bundle.suffix(authority.count + 1) == Array(authority) + Array("\n".utf8))
    }

    @Test func refusesAnUnusableCAFile() throws {
        #expect(throws: HTTPError.invalidCAFile(path: "/nonexistent/ca.pem", reason: "cannot be read")) {
            try HTTPEngine(configuration: .init(extraCAFile: "/nonexistent/ca.pem"))
        }
        let notPEM = try TemporaryDirectory().file("not.pem", text: "hello")
        #expect(throws: HTTPError.invalidCAFile(path: notPEM, reason: "holds no PEM certificate")) {
            try HTTPEngine(configuration: .init(extraCAFile: notPEM))
        }
    }
}
