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
    private func map(_ code: CURLcode, verify: Int = 0, exceeded: Bool = false) -> HTTPError {
        CurlErrorMapping.error(for: code, message: "m", verifyResult: verify, exceededLimit: exceeded, limit: 10)
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
