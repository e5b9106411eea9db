import Foundation
import Secrets
import Testing

@testable import KioskNetwork

/// `Configuration.proxy` against a real CONNECT proxy process on loopback (Fixtures/peer.py),
/// which tunnels every target to the simulator: the proxy is used without any environment
/// variable, with Basic credentials when it asks (CURLAUTH_ANY), TLS is verified through the
/// tunnel, a refusal names the proxy with its status, and loopback targets never go to it.
/// The real proxy (tinyproxy) in a network namespace is KioskProxyTests'.
@Suite(.serialized)
struct HTTPEngineProxyTests {
    static let path = "/saml/RoleAssertion"

    static func password(_ text: String) -> SecretBuffer {
        let secret = SecretBuffer(capacity: 64)
        text.utf8.forEach(secret.append)
        return secret
    }

    static func engine(_ proxy: HTTPProxy, trusting authority: String) throws -> HTTPEngine {
        try HTTPEngine(configuration: HTTPEngine.Configuration(extraCAFile: authority, proxy: proxy))
    }

    static func log(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func theConfiguredProxyCarriesHTTPSButNeverLoopback() async throws {
        let tls = try TestTLS.shared.get()
        try await LiveSimulator.with(certificate: tls.otherNameServer) { simulator in
            let connects = try TemporaryDirectory().file("connects.log", text: "")
            let proxy = try ServerProcess.connectProxy(to: simulator.server.port, log: connects)
            let peer = try ServerProcess.peer()
            let engine = try Self.engine(HTTPProxy(url: "http://127.0.0.1:\(proxy.port)"), trusting: tls.authorityFile)

            let response = try await engine.send(HTTPRequest(method: .get, url: "https://gas.example.org\(Self.path)"))
            #expect(response.status == 200)
            #expect(try await engine.send(HTTPRequest(method: .get, url: "\(peer.base)/echo")).status == 200)
            #expect(try Self.log(connects) == ["gas.example.org:443"])
        }
    }

    /// With a proxy configured, `https_proxy` and `no_proxy` from the environment play no part.
    @Test func theConfiguredProxyOverridesTheEnvironments() async throws {
        let tls = try TestTLS.shared.get()
        try await LiveSimulator.with(certificate: tls.otherNameServer) { simulator in
            let folder = try TemporaryDirectory()
            let configured = try folder.file("configured.log", text: "")
            let environment = try folder.file("environment.log", text: "")
            let proxy = try ServerProcess.connectProxy(to: simulator.server.port, log: configured)
            let other = try ServerProcess.connectProxy(to: simulator.server.port, log: environment)
            setenv("https_proxy", "http://127.0.0.1:\(other.port)", 1)
            setenv("no_proxy", "gas.example.org", 1)
            defer {
                unsetenv("https_proxy")
                unsetenv("no_proxy")
            }
            let engine = try Self.engine(HTTPProxy(url: "http://127.0.0.1:\(proxy.port)"), trusting: tls.authorityFile)

            let response = try await engine.send(HTTPRequest(method: .get, url: "https://gas.example.org\(Self.path)"))
            #expect(response.status == 200)
            #expect(try Self.log(configured) == ["gas.example.org:443"])
            #expect(try Self.log(environment).isEmpty)
        }
    }

    @Test func credentialsAreSentWhenTheProxyAsks() async throws {
        let tls = try TestTLS.shared.get()
        try await LiveSimulator.with(certificate: tls.otherNameServer) { simulator in
            let connects = try TemporaryDirectory().file("connects.log", text: "")
            let proxy = try ServerProcess.connectProxy(to: simulator.server.port, log: connects, auth: "ward7:s3cret")
            let credentials = HTTPProxy.Credentials(user: "ward7", password: Self.password("s3cret"))
            let engine = try Self.engine(
                HTTPProxy(url: "http://127.0.0.1:\(proxy.port)", credentials: credentials), trusting: tls.authorityFile)

            let response = try await engine.send(HTTPRequest(method: .get, url: "https://gas.example.org\(Self.path)"))
            #expect(response.status == 200)
            // CURLAUTH_ANY asks first without credentials, to learn the proxy's methods.
            #expect(try Self.log(connects) == ["407 gas.example.org:443", "gas.example.org:443"])
        }
    }

    @Test(arguments: [nil, "wrong"])
    func aRefusalNamesTheProxyAndItsStatus(_ password: String?) async throws {
        let tls = try TestTLS.shared.get()
        try await LiveSimulator.with(certificate: tls.otherNameServer) { simulator in
            let connects = try TemporaryDirectory().file("connects.log", text: "")
            let proxy = try ServerProcess.connectProxy(to: simulator.server.port, log: connects, auth: "ward7:s3cret")
            let credentials = password.map { HTTPProxy.Credentials(user: "ward7", password: Self.password($0)) }
            let engine = try Self.engine(
                HTTPProxy(url: "http://127.0.0.1:\(proxy.port)", credentials: credentials), trusting: tls.authorityFile)

            await #expect(throws: HTTPError.proxyRefused(
                proxy: "127.0.0.1:\(proxy.port)", status: 407, reason: "Proxy Authentication Required"
            )) {
                _ = try await engine.send(HTTPRequest(method: .get, url: "https://gas.example.org\(Self.path)"))
            }
            #expect(try Self.log(connects).allSatisfy { $0 == "407 gas.example.org:443" })
        }
    }

    @Test func aProxyThatIsNotThereIsNamed() async throws {
        let blackhole = try ServerProcess.peer()
        let port = blackhole.port
        blackhole.stop()  // nothing listens there now
        let engine = try HTTPEngine(configuration: HTTPEngine.Configuration(proxy: HTTPProxy(url: "http://127.0.0.1:\(port)")))
        await #expect {
            _ = try await engine.send(HTTPRequest(method: .get, url: "https://gas.example.org/"))
        } throws: { error in
            guard case .proxyUnreachable(let proxy, _) = error as? HTTPError else { return false }
            return proxy == "127.0.0.1:\(port)"
        }
    }
}
