import Foundation
import Testing

@testable import KioskNetwork

/// The engine over real loopback HTTP: against the project's simulator (its faults give delays,
/// oversized, truncated and dropped answers), and against `Fixtures/peer.py` for what the
/// simulator has no reason to do (echo a request, set an arbitrary cookie, redirect, stream a
/// body without a length, never accept, proxy).
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

    /// A quick plain-HTTP answer of the simulator: a failed role assertion.
    private static let quickPath = "/saml/RoleAssertion"

    @Test func getsAResponseAndReusesTheConnection() async throws {
        try await LiveSimulator.with(tls: false) { simulator in
            let engine = simulator.engine
            let first = try await get(engine, simulator.base + Self.quickPath)
            #expect(first.status == 200)
            #expect(String(decoding: first.body, as: UTF8.self).contains("samlp:Response"))
            #expect(first.headers.value(named: "content-length") == "\(first.body.count)")
            #expect(first.newConnections == 1)
            let second = try await get(engine, simulator.base + Self.quickPath)
            #expect(second.newConnections == 0)
        }
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
        try await LiveSimulator.with(tls: false, engine: { $0.timeout = .milliseconds(400) }) { simulator in
            try await simulator.inject(["path_prefix": Self.quickPath, "latency_ms": 6_000])
            let clock = ContinuousClock()
            let start = clock.now
            await #expect {
                _ = try await get(simulator.engine, simulator.base + Self.quickPath)
            } throws: { error in
                if case .timedOut = error as? HTTPError { return true }
                return false
            }
            let elapsed = clock.now - start
            print("timeout 400 ms fired after \(elapsed)")
            #expect(elapsed >= .milliseconds(390))
            // A bound, not the figure: a loaded two-core machine can starve the engine's thread.
            #expect(elapsed < .seconds(5), "ended by the timeout, before the 6 s answer")

            let overridden = try await simulator.engine.send(
                HTTPRequest(method: .get, url: simulator.base + Self.quickPath, timeout: .seconds(15)))
            #expect(overridden.status == 200)
        }
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
            #expect(elapsed < expected + .seconds(4), "a bound for a loaded machine")
        }
    }

    @Test func cancellingTheTaskRemovesTheTransferAtOnce() async throws {
        try await LiveSimulator.with(tls: false) { simulator in
            try await simulator.inject(["path_prefix": Self.quickPath, "latency_ms": 2000, "times": 1])
            let engine = simulator.engine
            let url = simulator.base + Self.quickPath
            let task = Task { try await engine.send(HTTPRequest(method: .get, url: url)) }
            try await Task.sleep(for: .milliseconds(300))
            let clock = ContinuousClock()
            let start = clock.now
            task.cancel()
            let result = await task.result
            let latency = clock.now - start
            print("cancel latency: \(latency)")
            #expect(throws: HTTPError.cancelled) { try result.get() }
            #expect(latency < .milliseconds(500), "ten times the 50 ms target: a bound for a loaded machine")

            // The engine goes on serving.
            #expect(try await get(engine, url).status == 200)
        }
    }

    @Test func aTaskCancelledBeforeSendingNeverStarts() async throws {
        try await LiveSimulator.with(tls: false) { simulator in
            let engine = simulator.engine
            let url = simulator.base + "/login/authactivate"
            let body = Array(GASRequests.activation(logSessionID: "Ab3dE6gH9j", device: "d").xml(prolog: true).utf8)
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await engine.send(HTTPRequest(method: .post, url: url, body: body))
            }
            await #expect(throws: HTTPError.cancelled) { try await task.value }
            #expect(try await simulator.status().gas.outstandingChallenges == 0)
            _ = try await engine.send(HTTPRequest(method: .post, url: url, body: body))
            #expect(try await simulator.status().gas.outstandingChallenges == 1, "the same request, sent, is seen")
        }
    }

    @Test func runsRequestsConcurrently() async throws {
        try await LiveSimulator.with(tls: false) { simulator in
            try await simulator.inject(["path_prefix": Self.quickPath, "latency_ms": 1000])
            let clock = ContinuousClock()
            let elapsed = try await clock.measure {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<8 {
                        group.addTask { try await get(simulator.engine, simulator.base + Self.quickPath).status }
                    }
                    for try await status in group { #expect(status == 200) }
                }
            }
            #expect(elapsed < .seconds(5))  // serially it would take 8 s
        }
    }

    /// The simulator's `oversized_body` pads an answer to 1 MiB + 1 KiB, with a `Content-Length`.
    private static let oversizedLength = (1 << 20) + 1024

    @Test func capsResponsesAtTheLimit() async throws {
        try await LiveSimulator.with(tls: false) { simulator in
            try await simulator.inject(["path_prefix": Self.quickPath, "action": "oversized_body"])
            #expect(simulator.engine.configuration.responseLimit == 1_048_576)
            // Announced by Content-Length: refused before the body.
            await #expect(throws: HTTPError.responseTooLarge(limit: 1_048_576)) {
                _ = try await get(simulator.engine, simulator.base + Self.quickPath)
            }
            let roomy = try HTTPEngine(configuration: .init(responseLimit: Self.oversizedLength))
            #expect(try await get(roomy, simulator.base + Self.quickPath).body.count == Self.oversizedLength)
        }
        // Chunked, no length: aborted as it passes the limit.
        let peer = try ServerProcess.peer()
        await #expect(throws: HTTPError.responseTooLarge(limit: 1_048_576)) {
            _ = try await get(try engine(), "\(peer.base)/stream?n=5000000")
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
        #expect(clock.now - start < .milliseconds(500), "no connection attempt (that would take seconds)")
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
        var closedPort = 0
        try await LiveSimulator.with(tls: false) { simulator in
            closedPort = simulator.server.port
            try await simulator.inject(["path_prefix": Self.quickPath, "action": "truncated_body", "times": 1])
            await #expect {
                _ = try await get(engine, simulator.base + Self.quickPath)
            } throws: { error in
                if case .responseTruncated = error as? HTTPError { return true }
                return false
            }
            try await simulator.inject(["path_prefix": Self.quickPath, "action": "drop_connection", "times": 1])
            await #expect {
                _ = try await get(engine, simulator.base + Self.quickPath)
            } throws: { error in
                if case .connectionDropped = error as? HTTPError { return true }
                return false
            }
        }
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
        let tls = try TestTLS.shared.get()
        try await LiveSimulator.with(certificate: tls.otherNameServer) { simulator in
            let directory = try TemporaryDirectory()
            let log = try directory.file("connects.log", text: "")
            let proxy = try ServerProcess.connectProxy(to: simulator.server.port, log: log)
            let peer = try ServerProcess.peer()
            let engine = try engine { $0.extraCAFile = tls.authorityFile }

            setenv("https_proxy", "http://127.0.0.1:\(proxy.port)", 1)
            setenv("http_proxy", "http://127.0.0.1:\(proxy.port)", 1)
            defer {
                unsetenv("https_proxy")
                unsetenv("http_proxy")
            }
            let viaProxy = try await get(engine, "https://gas.example.org\(Self.quickPath)")
            #expect(viaProxy.status == 200)
            #expect(try await get(engine, "\(peer.base)/echo").status == 200)
            #expect(try String(contentsOfFile: log, encoding: .utf8) == "gas.example.org:443\n")
        }
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
            #expect(await Self.waitUntil { Set(names).isSubset(of: Self.threadNames()) }, "each engine runs a thread: \(names) in \(Self.threadNames().sorted())")
            withExtendedLifetime(engines) {}  // else Swift may release them after their last use, above
        }
        #expect(await Self.waitUntil { Set(names).isDisjoint(with: Self.threadNames()) }, "released engines end them")
    }

    /// Polls `condition` for up to ten seconds (a bound for a loaded machine, not a pace).
    private static func waitUntil(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<500 {
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
