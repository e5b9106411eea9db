import CCurl
import Testing

@testable import KioskNetwork

@Suite struct URLPolicyTests {
    @Test(arguments: [
        "http://127.0.0.1:8080/x", "http://127.200.3.4/", "http://localhost/", "http://LOCALHOST:1/", "http://[::1]:9/",
        "https://gas.national.ncrs.nhs.uk/login/authactivate", "https://10.0.0.1/",
    ])
    func allows(_ url: String) throws {
        _ = try URLPolicy.check(url)
    }

    @Test(arguments: [
        "http://gas.national.ncrs.nhs.uk/", "http://10.0.0.1/", "http://128.0.0.1/", "http://[::2]/",
        "http://localhost.evil.example/", "http://127.0.0.1.nip.io/", "http://[::ffff:10.0.0.1]/",
    ])
    func refusesPlainHTTPBeyondLoopback(_ url: String) {
        #expect {
            try URLPolicy.check(url)
        } throws: { error in
            if case .insecureURLRefused = error as? HTTPError { return true }
            return false
        }
    }

    @Test(arguments: ["", "not a url", "ftp://127.0.0.1/file", "file:///etc/passwd", "gopher://localhost/", "https://"])
    func refusesOtherSchemesAndGarbage(_ url: String) {
        #expect(throws: HTTPError.invalidURL) { try URLPolicy.check(url) }
    }

    @Test func loopbackTargetsSkipProxies() throws {
        #expect(try URLPolicy.check("http://127.0.0.1/").isLoopback)
        #expect(try !URLPolicy.check("https://example.org/").isLoopback)
    }
}

@Suite struct CurlErrorMappingTests {
    private func map(
        _ code: CURLcode, verify: Int = 0, exceeded: Bool = false, message: String = "m", proxy: String? = nil
    ) -> HTTPError {
        CurlErrorMapping.error(
            for: code, message: message, verifyResult: verify, exceededLimit: exceeded, limit: 10, proxy: proxy)
    }

    /// Through a proxy, failing to find or reach it names it; reaching a server directly (one in
    /// no_proxy) stays a connection failure of its own.
    @Test func proxyFailuresNameTheProxy() {
        let refused = "Failed to connect to 198.18.1.3 port 8888 after 0 ms: Couldn't connect to server"
        #expect(map(CURLE_COULDNT_RESOLVE_PROXY, message: "Could not resolve proxy: proxy.invalid", proxy: "proxy.invalid:3128")
            == .proxyUnreachable(proxy: "proxy.invalid:3128", message: "Could not resolve proxy: proxy.invalid"))
        #expect(map(CURLE_COULDNT_CONNECT, message: refused, proxy: "198.18.1.3:8888")
            == .proxyUnreachable(proxy: "198.18.1.3:8888", message: refused))
        #expect(map(CURLE_COULDNT_CONNECT, message: refused, proxy: "198.18.1.3:3128") == .couldNotConnect(message: refused))
        #expect(map(CURLE_COULDNT_CONNECT, message: refused) == .couldNotConnect(message: refused))
        let six = "Failed to connect to 2001:db8::3 port 3128 after 0 ms: Couldn't connect to server"
        #expect(map(CURLE_COULDNT_CONNECT, message: six, proxy: "[2001:db8::3]:3128")
            == .proxyUnreachable(proxy: "[2001:db8::3]:3128", message: six))
    }

    /// A proxy's address from its URL, credentials left out; the environment's routes.
    @Test func proxyAddressesAndRoutes() {
        #expect(ProxyAddress.of("http://user:secret@proxy.example:3128") == "proxy.example:3128")
        #expect(ProxyAddress.of("proxy.example:8080") == "proxy.example:8080")
        #expect(ProxyAddress.of("http://proxy.example") == "proxy.example:1080")
        #expect(ProxyRoute.of(nil, environment: [:]) == .direct)
        #expect(ProxyRoute.of(nil, environment: ["https_proxy": "", "no_proxy": "*"]) == .direct)
        #expect(ProxyRoute.of(nil, environment: ["ALL_PROXY": "http://a.example:1", "HTTPS_PROXY": "http://u:p@b.example:2"])
            == .environment(variable: "HTTPS_PROXY", address: "b.example:2"))
        let configured = HTTPProxy(url: "http://198.18.1.3:8888", noProxy: "localhost")
        #expect(ProxyRoute.of(configured, environment: ["https_proxy": "http://b.example:2"])
            == .configuration(address: "198.18.1.3:8888", user: nil))
        #expect(ProxyRoute.of(configured, environment: [:]).address == "198.18.1.3:8888")
    }

    @Test func mapsTheTypedCases() {
        #expect(map(CURLE_COULDNT_RESOLVE_HOST) == .couldNotResolve(message: "m"))
        #expect(map(CURLE_COULDNT_RESOLVE_PROXY) == .couldNotResolve(message: "m"))
        #expect(map(CURLE_COULDNT_CONNECT) == .couldNotConnect(message: "m"))
        #expect(map(CURLE_OPERATION_TIMEDOUT) == .timedOut(message: "m"))
        #expect(map(CURLE_FILESIZE_EXCEEDED) == .responseTooLarge(limit: 10))
        #expect(map(CURLE_WRITE_ERROR, exceeded: true) == .responseTooLarge(limit: 10))
        #expect(map(CURLE_WRITE_ERROR) == .transport(code: 23, message: "m"))
        #expect(map(CURLE_SSL_CONNECT_ERROR) == .tlsFailure(.handshakeFailed, message: "m"))
        #expect(map(CURLE_PARTIAL_FILE) == .responseTruncated(message: "m"))
        #expect(map(CURLE_GOT_NOTHING) == .connectionDropped(message: "m"))
        #expect(map(CURLE_RECV_ERROR) == .connectionDropped(message: "m"))
        #expect(map(CURLE_SEND_ERROR) == .connectionDropped(message: "m"))
        #expect(map(CURLE_UNSUPPORTED_PROTOCOL) == .invalidURL)
    }

    @Test func peerVerificationIsCode60AndSplitByTheChainResult() {
        #expect(CURLE_PEER_FAILED_VERIFICATION.rawValue == 60)
        #expect(map(CURLE_PEER_FAILED_VERIFICATION, verify: 20) == .tlsFailure(.unknownAuthority, message: "m"))
        #expect(map(CURLE_PEER_FAILED_VERIFICATION, verify: 18) == .tlsFailure(.unknownAuthority, message: "m"))
        #expect(map(CURLE_PEER_FAILED_VERIFICATION, verify: 19) == .tlsFailure(.unknownAuthority, message: "m"))
        #expect(map(CURLE_PEER_FAILED_VERIFICATION, verify: 10) == .tlsFailure(.certificateExpired, message: "m"))
        #expect(map(CURLE_PEER_FAILED_VERIFICATION, verify: 0) == .tlsFailure(.hostNameMismatch, message: "m"))
        #expect(map(CURLE_PEER_FAILED_VERIFICATION, verify: 62) == .tlsFailure(.hostNameMismatch, message: "m"))
        #expect(map(CURLE_PEER_FAILED_VERIFICATION, verify: 1) == .tlsFailure(.hostNameMismatch, message: "m"))
        #expect(map(CURLE_PEER_FAILED_VERIFICATION, verify: 23) == .tlsFailure(.certificateRejected(verifyResult: 23), message: "m"))
    }
}
