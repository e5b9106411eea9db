import Foundation
import Testing

@testable import KioskNetwork

/// The engine against a real HTTP/1.1 peer on loopback (`Fixtures/peer.py`).
/// Serialized: the timing tests should not compete with each other for two cores.
@Suite(.serialized) struct HTTPEngineTests {
    private func engine(_ configure: (inout HTTPEngine.Configuration) -> Void = { _ in }) throws -> HTTPEngine {
        var configuration = HTTPEngine.Configuration(userAgent: "cmc-kiosk/9.9.9")
        configure(&configuration)
        return try HTTPEngine(configuration: configuration)
    }

    private func get(_ engine: HTTPEngine, _ url: String, jar: CookieJar? = nil) async throws -> HTTPResponse {
        try await engine.send(HTTPRequest(method: .get, url: url, cookieJar: jar))
    }

    private struct Echo: Decodable {
        let method: String
        let headers: [[String]]
        let body: String
        func header(_ name: String) -> String? { headers.first { $0[0].lowercased() == name.lowercased() }?[1] }
    }

    private func echo(_ response: HTTPResponse) throws -> Echo {
        try JSONDecoder().decode(Echo.self, from: Data(response.body))
    }

    @Test func getsAResponseAndReusesTheConnection() async throws {
        let peer = try ServerProcess.peer()
        let engine = try engine()
        let first = try await get(engine, "\(peer.base)/hello")
        #expect(first.status == 200)
        #expect(first.body == Array("hello".utf8))
        #expect(first.headers.value(named: "content-length") == "5")
        #expect(first.newConnections == 1)
        let second = try await get(engine, "\(peer.base)/hello")
        #expect(second.newConnections == 0)

        let clock = ContinuousClock()
        let rounds = 50
        let elapsed = try await clock.measure {
            for _ in 0..<rounds { _ = try await get(engine, "\(peer.base)/hello") }
        }
        print("loopback round trip (reused connection): \(elapsed / rounds) per request over \(rounds)")
    }

    @Test func postsAndDeletesBodiesWithHeaders() async throws {
        let peer = try ServerProcess.peer()
        let engine = try engine()
        let body = Array("<gpOBJECT>\u{0}&</gpOBJECT>".utf8) + [UInt8](repeating: 7, count: 2000)
        let post = try echo(try await engine.send(HTTPRequest(
            method: .post, url: "\(peer.base)/echo", headers: [HTTPHeader(name: "Content-Type", value: "text/xml")], body: body)))
        #expect(post.method == "POST")
        #expect(Data(base64Encoded: post.body).map(Array.init) == body)
        #expect(post.header("Content-Type") == "text/xml")
        #expect(post.header("User-Agent") == "cmc-kiosk/9.9.9")
        #expect(post.header("Expect") == nil)

        let delete = try echo(try await engine.send(HTTPRequest(method: .delete, url: "\(peer.base)/echo", body: Array("{}".utf8))))
        #expect(delete.method == "DELETE")
        #expect(delete.body == "e30=")

        let emptyPost = try echo(try await engine.send(HTTPRequest(method: .post, url: "\(peer.base)/echo")))
        #expect(emptyPost.method == "POST")
        #expect(emptyPost.header("Content-Length") == "0")
    }

    @Test func totalTimeoutEndsTheRequestAtTheConfiguredTime() async throws {
        let peer = try ServerProcess.peer()
        let engine = try engine { $0.timeout = .milliseconds(400) }
        let clock = ContinuousClock()
        let start = clock.now
        await #expect {
            _ = try await get(engine, "\(peer.base)/delay?ms=5000")
        } throws: { error in
            if case .timedOut = error as? HTTPError { return true }
            return false
        }
        let elapsed = clock.now - start
        print("timeout 400 ms fired after \(elapsed)")
        #expect(elapsed >= .milliseconds(390))
        #expect(elapsed < .milliseconds(1500))

        let overridden = try await engine.send(HTTPRequest(method: .get, url: "\(peer.base)/delay?ms=600", timeout: .seconds(5)))
        #expect(overridden.status == 200)
    }

    @Test func connectTimeoutEndsAHangingConnect() async throws {
        let blackhole = try ServerProcess.blackhole()
        let engine = try engine { $0.connectTimeout = .milliseconds(300) }
        let clock = ContinuousClock()
        for (override, expected) in [(nil, Duration.milliseconds(300)), (Duration.milliseconds(600), .milliseconds(600))] {
            let start = clock.now
            await #expect {
                _ = try await engine.send(HTTPRequest(method: .get, url: "\(blackhole.base)/", connectTimeout: override))
            } throws: { error in
                if case .timedOut = error as? HTTPError { return true }
                return false
            }
            let elapsed = clock.now - start
            print("connect timeout \(expected) fired after \(elapsed)")
            #expect(elapsed >= expected - .milliseconds(10))
            #expect(elapsed < expected + .milliseconds(1000))
        }
    }

    @Test func cancellingTheTaskRemovesTheTransferAtOnce() async throws {
        let peer = try ServerProcess.peer()
        let engine = try engine()
        let task = Task { try await engine.send(HTTPRequest(method: .get, url: "\(peer.base)/delay?ms=5000")) }
        try await Task.sleep(for: .milliseconds(300))
        let clock = ContinuousClock()
        let start = clock.now
        task.cancel()
        let result = await task.result
        let latency = clock.now - start
        print("cancel latency: \(latency)")
        #expect(throws: HTTPError.cancelled) { try result.get() }
        #expect(latency < .milliseconds(250))

        // The engine goes on serving.
        #expect(try await get(engine, "\(peer.base)/hello").status == 200)
    }

    @Test func aTaskCancelledBeforeSendingNeverStarts() async throws {
        let peer = try ServerProcess.peer()
        let engine = try engine()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await engine.send(HTTPRequest(method: .get, url: "\(peer.base)/echo"))
        }
        await #expect(throws: HTTPError.cancelled) { try await task.value }
        #expect(try peer.recordedRequests().isEmpty)
    }

    @Test func runsRequestsConcurrently() async throws {
        let peer = try ServerProcess.peer()
        let engine = try engine()
        let clock = ContinuousClock()
        let elapsed = try await clock.measure {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 { group.addTask { try await get(engine, "\(peer.base)/delay?ms=300").status } }
                for try await status in group { #expect(status == 200) }
            }
        }
        #expect(elapsed < .milliseconds(1500))  // serially it would take 2.4 s
    }

    @Test func capsResponsesAtOneMebibyte() async throws {
        let peer = try ServerProcess.peer()
        let engine = try engine()
        #expect(engine.configuration.responseLimit == 1_048_576)
        let exact = try await get(engine, "\(peer.base)/bytes?n=1048576")
        #expect(exact.body.count == 1_048_576)
        // Announced by Content-Length: refused before the body.
        await #expect(throws: HTTPError.responseTooLarge(limit: 1_048_576)) {
            _ = try await get(engine, "\(peer.base)/bytes?n=1048577")
        }
        // Chunked, no length: aborted as it passes the limit.
        await #expect(throws: HTTPError.responseTooLarge(limit: 1_048_576)) {
            _ = try await get(engine, "\(peer.base)/stream?n=5000000")
        }
    }

    @Test func refusesPlainHTTPBeyondLoopbackWithoutIO() async throws {
        let engine = try engine()
        let clock = ContinuousClock()
        let start = clock.now
        await #expect(throws: HTTPError.insecureURLRefused(host: "10.255.255.1")) {
            _ = try await get(engine, "http://10.255.255.1/")
        }
        await #expect(throws: HTTPError.insecureURLRefused(host: "gas.national.ncrs.nhs.uk")) {
            _ = try await get(engine, "http://gas.national.ncrs.nhs.uk/login/authactivate")
        }
        #expect(clock.now - start < .milliseconds(50))
        await #expect(throws: HTTPError.invalidURL) { _ = try await get(engine, "ftp://127.0.0.1/") }
    }

    @Test func requestDescriptionsHideQueriesAndBodies() {
        let request = HTTPRequest(
            method: .get, url: "https://gas.example/saml/RoleSelectionGP.jsp?token=AQIC5wM2%23&selectedRoleUid=1",
            body: Array("sso_ticket".utf8))
        var dumped = ""
        dump(request, to: &dumped)
        #expect("\(request)" == "GET https://gas.example/saml/RoleSelectionGP.jsp")
        #expect(!dumped.contains("AQIC") && !dumped.contains("sso_ticket"))

        let response = HTTPResponse(
            status: 200, headers: [HTTPHeader(name: "Set-Cookie", value: "CMCSESSION=secret")], body: Array("AQIC".utf8))
        dumped = ""
        dump(response, to: &dumped)
        #expect("\(response)" == "HTTPResponse(status: 200, 4 bytes)")
        #expect(!dumped.contains("AQIC") && !dumped.contains("secret"))
    }

    @Test func refusesHeaderInjection() async throws {
        let engine = try engine()
        await #expect(throws: HTTPError.invalidHeader(name: "X")) {
            _ = try await engine.send(HTTPRequest(method: .get, url: "http://127.0.0.1:9/", headers: [HTTPHeader(name: "X", value: "a\r\nEvil: 1")]))
        }
    }

    @Test func doesNotFollowRedirects() async throws {
        let peer = try ServerProcess.peer()
        let response = try await get(try engine(), "\(peer.base)/redirect")
        #expect(response.status == 302)
        #expect(response.headers.value(named: "Location") == "ftp://127.0.0.1/file")
    }

    @Test func reportsTransportFailures() async throws {
        let engine = try engine()
        let peer = try ServerProcess.peer()
        await #expect(throws: HTTPError.responseTruncated(message: "transfer closed with 90 bytes remaining to read")) {
            _ = try await get(engine, "\(peer.base)/truncated")
        }
        let closedPort = peer.port
        peer.stop()
        await #expect {
            _ = try await get(engine, "http://127.0.0.1:\(closedPort)/")
        } throws: { error in
            if case .couldNotConnect = error as? HTTPError { return true }
            return false
        }
        await #expect {
            _ = try await get(engine, "https://kiosk-test.invalid/")
        } throws: { error in
            if case .couldNotResolve = error as? HTTPError { return true }
            return false
        }
    }

    /// `https_proxy` from the environment is used (libcurl reads it per transfer), TLS is still
    /// verified end to end through the tunnel, and loopback targets never go to the proxy.
    /// Here because the suite is serialized: the variable is process-wide while set.
    @Test func environmentProxiesCarryHTTPSButNeverLoopback() async throws {
        let directory = try TemporaryDirectory()
        let authority = try TestPKI.makeAuthority("proxy test CA")
        let files = try TestPKI.makeServer(signedBy: authority, dnsNames: ["gas.example.test"], loopbackIP: false, in: directory)
        let server = try ServerProcess.tlsServer(certificate: files.certificate, key: files.key)
        let log = try directory.file("connects.log", text: "")
        let proxy = try ServerProcess.connectProxy(to: server.port, log: log)
        let peer = try ServerProcess.peer()
        let authorityFile = try directory.file("ca.pem", text: authority.pem)
        let engine = try engine { $0.extraCAFile = authorityFile }

        setenv("https_proxy", "http://127.0.0.1:\(proxy.port)", 1)
        setenv("http_proxy", "http://127.0.0.1:\(proxy.port)", 1)
        defer {
            unsetenv("https_proxy")
            unsetenv("http_proxy")
        }
        let viaProxy = try await get(engine, "https://gas.example.test/login/authactivate")
        #expect(viaProxy.status == 200)
        #expect(try await get(engine, "\(peer.base)/hello").status == 200)
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "gas.example.test:443\n")
    }

    @Test func cookiesLiveInTheirJarOnly() async throws {
        let peer = try ServerProcess.peer()
        let engine = try engine()
        let jar = engine.makeCookieJar()
        let other = engine.makeCookieJar()
        #expect(await jar.cookieNames().isEmpty)
        _ = try await get(engine, "\(peer.base)/setcookie", jar: jar)
        #expect(await jar.cookieNames() == ["CMCSESSION"])
        #expect(try echo(try await get(engine, "\(peer.base)/echo", jar: jar)).header("Cookie") == "CMCSESSION=s3cr3t")
        #expect(try echo(try await get(engine, "\(peer.base)/echo", jar: other)).header("Cookie") == nil)
        #expect(try echo(try await get(engine, "\(peer.base)/echo")).header("Cookie") == nil)

        await jar.removeAll()
        #expect(await jar.cookieNames().isEmpty)
        #expect(try echo(try await get(engine, "\(peer.base)/echo", jar: jar)).header("Cookie") == nil)
    }

    @Test func aReleasedEngineEndsItsThread() async throws {
        var names: [String] = []
        do {
            let engines = try (0..<4).map { _ in try engine() }
            names = engines.map(\.threadName)
            #expect(Set(names).count == 4)
            #expect(await Self.waitUntil { Set(names).isSubset(of: Self.threadNames()) }, "each engine runs a thread")
        }
        #expect(await Self.waitUntil { Set(names).isDisjoint(with: Self.threadNames()) }, "released engines end them")
    }

    /// Polls `condition` for up to two seconds.
    private static func waitUntil(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<100 {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }

    /// The names of this process's threads.
    private static func threadNames() -> Set<String> {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return Set(tasks.compactMap { task in
            (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
        })
    }

    @Test func refusesAJarOfAnotherEngine() async throws {
        let jar = try engine().makeCookieJar()
        await #expect(throws: HTTPError.foreignCookieJar) {
            _ = try await get(try engine(), "http://127.0.0.1:9/", jar: jar)
        }
    }
}
