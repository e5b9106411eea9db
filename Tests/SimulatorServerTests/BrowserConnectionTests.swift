import Foundation
import Glibc
import Testing

/// The simulated portal's web front end closes its connections, as the HTTP/1.0 that w3m speaks
/// expects; the API keeps them open for libcurl.
@Suite struct BrowserConnectionTests {
    @Test func aFrontEndPageEndsItsConnectionAndTheAPIKeepsIt() async throws {
        try await SimulatorHarness.with { simulator in
            let port = try #require(URL(string: simulator.base)?.port)
            let page = try Self.exchange(port: port, "GET /sso/handoff?code=unknown HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(page.closed, "the server closed the connection after the page")
            #expect(page.text.hasPrefix("HTTP/1.1 410"), "\(page.text)")
            let api = try Self.exchange(port: port, "GET /api/smartcard/sessions/current HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(!api.closed, "an API connection stays open for the next request")
            #expect(api.text.hasPrefix("HTTP/1.1 401"), "\(api.text)")
        }
    }

    /// Sends `request` and reads for up to two seconds: what came, and whether the server closed.
    private static func exchange(port: Int, _ request: String) throws -> (text: String, closed: Bool) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = request.withCString { send(descriptor, $0, strlen($0), 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { return (String(decoding: received, as: UTF8.self), true) }
            if count < 0 { return (String(decoding: received, as: UTF8.self), false) }
            received += buffer[..<count]
        }
    }
}
