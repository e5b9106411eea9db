import Foundation
import Glibc
import Testing

@testable import KioskNetwork

/// A new connection to a server already met resumes the TLS session of the last one, as a thin
/// client on a slow link needs: checked against OpenSSL's own test server (`openssl s_server
/// -www`), which closes every connection after its page and says on the page whether the session
/// was new or reused.
@Suite(.serialized) struct TLSResumptionTests {
    /// `openssl s_server -www` on a free loopback port, with the test CA's loopback certificate.
    final class OpenSSLServer {
        let url: String
        private let process = Process()

        init(tls: TestTLS) throws {
            let port = Int.random(in: 47_000...47_900)
            process.executableURL = URL(filePath: "/usr/bin/openssl")
            process.arguments = [
                "s_server", "-accept", "127.0.0.1:\(port)", "-www", "-quiet",
                "-cert", tls.loopbackServer.certificateChainPath, "-key", tls.loopbackServer.privateKeyPath,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            url = "https://127.0.0.1:\(port)/"
        }

        deinit {
            // s_server takes no notice of SIGTERM while it waits for a connection.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The page's line on the session, e.g. `Reused, TLSv1.3, Cipher is …`.
    static func sessionLine(_ response: HTTPResponse) -> String {
        String(decoding: response.body, as: UTF8.self).split(separator: "\n")
            .first { $0.hasPrefix("New,") || $0.hasPrefix("Reused,") }.map(String.init) ?? ""
    }

    /// The first answer, once the server listens.
    static func firstAnswer(_ engine: HTTPEngine, _ request: HTTPRequest) async throws -> HTTPResponse {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            do { return try await engine.send(request) } catch {
                guard ContinuousClock.now < deadline else { throw error }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    @Test(arguments: [false, true])
    func aSecondConnectionResumesTheFirstOnesSession(inACookieJar: Bool) async throws {
        let tls = try TestTLS.shared.get()
        let server = try OpenSSLServer(tls: tls)
        let engine = try HTTPEngine(configuration: .init(extraCAFile: tls.authorityFile))
        let jar = inACookieJar ? engine.makeCookieJar() : nil
        let request = HTTPRequest(method: .get, url: server.url, cookieJar: jar)

        let first = try await Self.firstAnswer(engine, request)
        let second = try await engine.send(request)

        #expect(Self.sessionLine(first).hasPrefix("New, TLSv1.3"), "\(Self.sessionLine(first))")
        #expect(second.newConnections == 1, "the server closed the first connection")
        #expect(Self.sessionLine(second).hasPrefix("Reused, TLSv1.3"), "\(Self.sessionLine(second))")
    }
}
