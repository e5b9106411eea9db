import Foundation
import Testing

@Suite("HTTP/1 connections: one that is not persistent is closed after its answer")
struct ConnectionPersistenceTests {
    /// Writes `request` on a raw connection (curl's telnet, which sends its input as it is) and
    /// reads until the server closes it, giving up after `seconds`.
    func exchange(_ request: String, port: Int, seconds: Int) async throws -> (closedByServer: Bool, answer: String) {
        let output = try await Subprocess.run(
            "/usr/bin/curl", ["-sS", "--max-time", String(seconds), "telnet://127.0.0.1:\(port)"], stdin: Data(request.utf8))
        #expect([0, 28].contains(output.status), "curl: \(output.stderrText)")
        return (output.status == 0, output.stdoutText)
    }

    @Test("an HTTP/1.0 request without keep-alive, as w3m sends it, is answered and its connection closed")
    func http10() async throws {
        try await SimulatorHarness.with { sim in
            let port = try #require(sim.simulator?.port)
            let status = try await exchange("GET /_sim/status HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", port: port, seconds: 10)
            #expect(status.closedByServer)
            #expect(status.answer.hasPrefix("HTTP/1.1 200"))
            #expect(status.answer.hasSuffix("}"), "the whole answer came before the end")
        }
    }

    @Test("HTTP/1.0 with keep-alive and plain HTTP/1.1 keep their connections open")
    func persistent() async throws {
        try await SimulatorHarness.with { sim in
            let port = try #require(sim.simulator?.port)
            for request in [
                "GET /_sim/status HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n",
                "GET /_sim/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            ] {
                let status = try await exchange(request, port: port, seconds: 3)
                #expect(!status.closedByServer, "\(request)")
                #expect(status.answer.hasPrefix("HTTP/1.1 200"), "\(request)")
            }
        }
    }
}
