import Foundation
import Testing

@testable import KioskNetwork

/// TLS verification against `openssl s_server` on loopback, with certificates made in the test.
@Suite struct HTTPEngineTLSTests {
    private let directory: TemporaryDirectory
    private let authority: TestPKI.Authority
    private let authorityFile: String

    init() throws {
        directory = try TemporaryDirectory()
        authority = try TestPKI.makeAuthority("cmc-kiosk test CA")
        authorityFile = try directory.file("ca.pem", text: authority.pem)
    }

    private func server(signedBy authority: TestPKI.Authority, names: [String] = ["localhost"], ip: Bool = true) throws -> ServerProcess {
        let files = try TestPKI.makeServer(signedBy: authority, dnsNames: names, loopbackIP: ip, in: directory)
        return try ServerProcess.tlsServer(certificate: files.certificate, key: files.key)
    }

    private func get(_ engine: HTTPEngine, _ url: String) async throws -> HTTPResponse {
        try await engine.send(HTTPRequest(method: .get, url: url))
    }

    private func tlsFailure(_ error: any Error) -> TLSFailure? {
        if case .tlsFailure(let failure, _) = error as? HTTPError { return failure }
        return nil
    }

    @Test func trustsAServerSignedByTheExtraCA() async throws {
        let server = try server(signedBy: authority)
        let engine = try HTTPEngine(configuration: .init(extraCAFile: authorityFile))
        let response = try await get(engine, "https://localhost:\(server.port)/")
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).contains("s_server"))
        #expect(try await get(engine, "https://127.0.0.1:\(server.port)/").status == 200)
    }

    @Test func refusesAnUnknownCA() async throws {
        let server = try server(signedBy: authority)
        let engine = try HTTPEngine()
        await #expect {
            _ = try await get(engine, "https://localhost:\(server.port)/")
        } throws: { tlsFailure($0) == .unknownAuthority }
    }

    @Test func refusesAHostNameMismatch() async throws {
        let server = try server(signedBy: authority, names: ["gas.example.org"], ip: false)
        let engine = try HTTPEngine(configuration: .init(extraCAFile: authorityFile))
        await #expect {
            _ = try await get(engine, "https://localhost:\(server.port)/")
        } throws: { tlsFailure($0) == .hostNameMismatch }
    }

    @Test func theExtraCAAddsToTheSystemStoreRatherThanReplacingIt() async throws {
        let system = try TestPKI.makeAuthority("stand-in system CA")
        let stranger = try TestPKI.makeAuthority("unrelated CA")
        var configuration = HTTPEngine.Configuration(extraCAFile: authorityFile)
        configuration.systemCABundle = try directory.file("system.pem", text: system.pem)
        let engine = try HTTPEngine(configuration: configuration)

        let bySystem = try server(signedBy: system)
        #expect(try await get(engine, "https://localhost:\(bySystem.port)/").status == 200)
        let byExtra = try server(signedBy: authority)
        #expect(try await get(engine, "https://localhost:\(byExtra.port)/").status == 200)
        let byStranger = try server(signedBy: stranger)
        await #expect {
            _ = try await get(engine, "https://localhost:\(byStranger.port)/")
        } throws: { tlsFailure($0) == .unknownAuthority }
    }

    @Test func theRealSystemBundleIsKept() throws {
        let bundle = try #require(try CABundle.make(extraCAFile: authorityFile, systemBundle: nil))
        let system = try #require(FileManager.default.contents(atPath: CABundle.defaultBundlePath()))
        #expect(Array(bundle.prefix(system.count)) == Array(system))
        #expect(String(decoding: bundle, as: UTF8.self).hasSuffix(authority.pem + "\n"))
    }

    @Test func refusesAnUnusableCAFile() throws {
        #expect(throws: HTTPError.invalidCAFile(path: "/nonexistent/ca.pem", reason: "cannot be read")) {
            try HTTPEngine(configuration: .init(extraCAFile: "/nonexistent/ca.pem"))
        }
        let notPEM = try directory.file("not.pem", text: "hello")
        #expect(throws: HTTPError.invalidCAFile(path: notPEM, reason: "holds no PEM certificate")) {
            try HTTPEngine(configuration: .init(extraCAFile: notPEM))
        }
    }
}
