import Dispatch
import FoundationEssentials
import Glibc
import KioskConfiguration
import KioskCore
import KioskNetwork
import KioskShell
import SmartCard
import TerminalUI

/// Starts the kiosk from a validated configuration and runs it until it is told to stop: by
/// SIGTERM, or SIGHUP once its terminal has hung up (a kiosk on a ward never ends by itself), or
/// by its front (the demo's Ctrl-C). SIGUSR1, and SIGHUP with the terminal still there, reopen
/// the audit file.
public enum KioskLauncher {
    /// The version sent as `User-Agent` and shown by `--version`.
    public static let version = "0.4.0"

    /// Runs the ward kiosk: the machine's readers through pcscd, its cards through `cards`, the
    /// servers the configuration names (``Servers/init(ward:file:)``), the keys it binds.
    public static func run(
        configuration: KioskConfiguration, theme: Theme, servers: Servers, cards: WardCards
    ) async throws -> Int32 {
        ProcessHardening.apply(isDemo: false)
        defer { cards.finish() }
        return try await run(
            configuration: configuration, theme: theme, servers: servers, cards: cards.backend,
            readers: PCSCReaders(filter: configuration.readerName), front: KeyRouter(bindings: configuration.keys),
            performFrontEffect: { _ in [] }, overlay: { _ in nil })
    }

    /// Runs a kiosk made of these parts until it is told to stop.
    /// - Parameters:
    ///   - front: reads the keys, with a model of its own if it needs one.
    ///   - performFrontEffect: carries out what the front asks of its own adapter.
    ///   - overlay: what the front adds to every screen, if anything.
    ///   - keySources: starts any source of key presses besides the terminal, given the way to
    ///     press one (the demo's browser relay).
    public static func run<Front: KioskFront>(
        configuration: KioskConfiguration, theme: Theme, servers: Servers, cards: any TokenBackend,
        readers: any ReaderSource, front: Front,
        performFrontEffect: @escaping @Sendable (Front.Effect) -> [KioskEvent],
        overlay: @escaping @Sendable (Front) -> DemoOverlay?,
        keySources: (@escaping @Sendable (RawKey) -> Void) -> Void = { _ in }
    ) async throws -> Int32 where Front.Key == RawKey {
        var onDrawn: (@Sendable (KioskState) -> Void)?
        let trace = TimingTrace(environment: ProcessInfo.processInfo.environment)
        if let trace {
            onDrawn = { state in trace.record(state.phase) }
        }
        let screen = TerminalScreen(
            styles: StyleSheet(theme: theme), keys: KeyRouter(bindings: configuration.keys).labels, display: configuration.display,
            onDrawn: onDrawn)
        let services = try services(
            configuration: configuration, servers: servers, cards: cards,
            terminal: TerminalHandover(suspend: screen.suspend, resume: screen.resume), trace: trace)
        let stop = DispatchSemaphore(value: 0)
        let runtime = KioskRuntime(
            initialState: KioskState(
                environment: configuration.environment,
                helpdesk: Helpdesk(email: configuration.helpdesk.email, phone: configuration.helpdesk.phone),
                now: Date(), atrAllowlist: configuration.card.atrAllowlist, passcodeEcho: configuration.passcodeEcho),
            front: front, services: services, show: { state, front in screen.show(state, overlay: overlay(front)) },
            performFrontEffect: performFrontEffect, quit: { stop.signal() })

        atexit { TerminalScreen.restore() }
        try screen.start { key in runtime.press(key) }
        keySources { key in runtime.press(key) }
        services.audit?.watchWritability { runtime.send(.auditLogWritable($0)) }
        let signals = KioskSignals(onEnd: { stop.signal() }, onReopen: { [audit = services.audit] in audit?.reopen() })
        runtime.start()
        let ticker = Ticker { runtime.send($0) }
        readers.start { runtime.send($0) }

        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                stop.wait()
                continuation.resume()
            }
        }
        signals.cancel()
        ticker.stop()
        readers.stop()
        await runtime.shutDown()
        screen.stop()
        return 0
    }

    /// The outside world as the configuration describes it.
    private static func services(
        configuration: KioskConfiguration, servers: Servers, cards: any TokenBackend, terminal: TerminalHandover,
        trace: TimingTrace?
    ) throws -> KioskServices {
        var observer: (@Sendable (TransferRecord) -> Void)?
        if let trace { observer = { trace.record(transfer: $0) } }
        let engine = try HTTPEngine(configuration: HTTPEngine.Configuration(
            connectTimeout: .seconds(configuration.network.connectTimeoutSeconds),
            timeout: .seconds(configuration.network.requestTimeoutSeconds),
            extraCAFile: servers.extraCAFile, userAgent: configuration.userAgent ?? "cmc-kiosk/\(version)",
            proxy: servers.proxy, transferObserver: observer))
        return KioskServices(
            cards: cards, engine: engine, gasURL: servers.gasURL, portalURL: servers.portalURL,
            environment: configuration.environment,
            deviceID: configuration.deviceID, signatureDigest: configuration.card.signatureDigest,
            challengeLifetime: .seconds(configuration.network.challengeLifetimeSeconds),
            audit: try configuration.audit.path.map {
                try AuditLog(path: $0, deviceID: configuration.deviceID, syslog: configuration.audit.syslog)
            },
            sessionCommand: try sessionCommand(configuration),
            terminal: terminal)
    }

    /// The session command's settings; with a session user, once the kiosk has checked that it
    /// can run commands as that user. `cmc-kiosk` has looked the user up already, naming the file
    /// and line of a problem; this look-up only finds a user removed since.
    private static func sessionCommand(_ configuration: KioskConfiguration) throws -> SessionCommandSettings? {
        guard let session = configuration.session else { return nil }
        let user = try SessionSetup.user(for: configuration, file: "the configuration file")
        try user?.checkKioskCanSwitch()
        return SessionSetup.settings(session, user: user)
    }

    /// The theme of that name (from the shipped `Themes/`) or at that path.
    public static func theme(named nameOrPath: String) throws -> Theme {
        guard let folder = ResourceLocator.folder("Themes") else { throw LaunchError.missing("Themes/") }
        return try Theme.load(nameOrPath: nameOrPath, themesDirectory: folder)
    }
}

/// The GAS and portal a kiosk talks to, any trust anchors added for them, and the proxy on the way.
public struct Servers: Sendable {
    public var gasURL: String
    public var portalURL: String
    public var extraCAFile: String?
    /// `[network] proxy`; nil leaves proxies to the environment.
    public var proxy: HTTPProxy?

    public init(gasURL: String, portalURL: String, extraCAFile: String? = nil, proxy: HTTPProxy? = nil) {
        self.gasURL = gasURL
        self.portalURL = portalURL
        self.extraCAFile = extraCAFile
        self.proxy = proxy
    }
}

/// Why the kiosk could not start, in one line.
public enum LaunchError: Error, CustomStringConvertible {
    case missing(String)
    /// A demo configuration given to the ward kiosk, which carries no simulator.
    case simulatorNeeded

    public var description: String {
        switch self {
        case .missing(let what):
            "cannot find \(what) (looked beside the program and in /usr/share/cmc-kiosk)"
        case .simulatorNeeded:
            "environment = \"demo\" needs the built-in simulators, which only cmc-kiosk-demo carries"
        }
    }
}
