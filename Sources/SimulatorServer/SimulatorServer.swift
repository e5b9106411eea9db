import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Simulator

/// The GAS and portal simulators as one HTTP(S) server, embeddable in-process.
///
/// ```swift
/// let simulator = try await SimulatorServer.start(SimulatorConfiguration(trustAnchors: [ca]))
/// print(simulator.baseURL)   // http://127.0.0.1:43211
/// await simulator.stop()
/// ```
public enum SimulatorServer {
    /// Binds, starts serving and returns once the port is known; throws if the configuration is
    /// unusable or the address cannot be bound.
    ///
    /// - Parameter logger: where requests are logged; silent by default, so that an embedding
    ///   program's terminal stays its own.
    public static func start(
        _ configuration: SimulatorConfiguration,
        logger: Logger = Logger(label: "cmc-sim", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws -> RunningSimulator {
        try validate(configuration)
        let directory = try UserDirectory(configuration.users)
        let state = SimulatorState(
            directory: directory, verifier: ChallengeResponseVerifier(trustAnchors: configuration.trustAnchors),
            configuration: configuration)
        let router = makeRouter(state: state, configuration: configuration)
        let server: HTTPServerBuilder =
            try configuration.tls.map { try .tls(ClosingHTTP1Channel.builder, tlsConfiguration: tlsConfiguration($0)) }
            ?? ClosingHTTP1Channel.builder

        let (bound, boundContinuation) = AsyncStream.makeStream(of: Result<Int, any Error>.self)
        let app = Application(
            router: router, server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "cmc-sim"),
            onServerRunning: { channel in
                boundContinuation.yield(.success(channel.localAddress?.port ?? configuration.port))
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let runTask = Task {
            do {
                try await group.run()
            } catch {
                boundContinuation.yield(.failure(error))
            }
            boundContinuation.finish()
        }
        var iterator = bound.makeAsyncIterator()
        guard let port = try await iterator.next()?.get() else {
            throw SimulatorConfigurationError.invalid("the server stopped while starting")
        }

        let scheme = configuration.tls == nil ? "http" : "https"
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        let baseURL = "\(scheme)://\(host):\(port)"
        await state.setBaseURL(baseURL)
        let sweepTask = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(configuration.sweepInterval))
                await state.sweep(now: Date())
            }
        }
        logger.info("cmc-sim serving", metadata: ["url": "\(baseURL)"])
        return RunningSimulator(baseURL: baseURL, port: port, group: group, runTask: runTask, sweepTask: sweepTask)
    }

    private static func makeRouter(
        state: SimulatorState, configuration: SimulatorConfiguration
    ) -> Router<SimulatorRequestContext> {
        let router = Router(context: SimulatorRequestContext.self)
        router.middlewares.add(RequestLogMiddleware())
        router.middlewares.add(FaultMiddleware(state: state))
        GASRoutes(state: state).register(on: router)
        PortalRoutes(state: state).register(on: router)
        BrowserRoutes(state: state, marksCookieSecure: configuration.tls != nil).register(on: router)
        ControlRoutes(state: state, controlEnabled: configuration.controlEndpointsEnabled).register(on: router)
        return router
    }

    private static func validate(_ configuration: SimulatorConfiguration) throws(SimulatorConfigurationError) {
        if configuration.tls == nil, !isLoopback(configuration.host) {
            throw .invalid(
                "--host \(configuration.host): plain HTTP is served on loopback only; give --tls-cert and --tls-key")
        }
        guard (0...65_535).contains(configuration.port) else {
            throw .invalid("--port \(configuration.port): not 0...65535")
        }
        let timeouts = configuration.timeouts
        for (name, value) in [
            ("--idle-timeout", timeouts.idle), ("--absolute-timeout", timeouts.absolute), ("--lease", timeouts.lease),
            ("--challenge-ttl", configuration.challengeTTL),
        ] where !(value > 0) {
            throw .invalid("\(name) \(value): must be more than 0 seconds")
        }
        guard timeouts.warning >= 0, timeouts.warning < timeouts.idle else {
            throw .invalid("--warning \(timeouts.warning): must be at least 0 and less than the idle timeout")
        }
        guard configuration.sweepInterval > 0 else { throw .invalid("sweep interval must be more than 0 seconds") }
    }

    /// `127.0.0.0/8`, `::1` or `localhost`.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    private static func tlsConfiguration(_ files: TLSFiles) throws(SimulatorConfigurationError) -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(files.certificateChainPath)
        } catch {
            throw .invalid("--tls-cert \(files.certificateChainPath): not a readable PEM certificate chain")
        }
        guard !chain.isEmpty else { throw .invalid("--tls-cert \(files.certificateChainPath): no certificate found") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)
        } catch {
            throw .invalid("--tls-key \(files.privateKeyPath): not a readable PEM private key")
        }
        return TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    }
}
