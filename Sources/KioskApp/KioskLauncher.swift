import Dispatch
import Foundation
import Glibc
import KioskConfiguration
import KioskCore
import KioskNetwork
import KioskShell
import Simulator
import SimulatorServer
import SmartCard
import TerminalUI

/// Starts the kiosk from a validated configuration and runs it until it is told to stop: in
/// `--demo`, by Ctrl-C; otherwise by SIGTERM or SIGHUP (a kiosk on a ward never ends by itself).
public enum KioskLauncher {
    /// The version sent as `User-Agent` and shown by `--version`.
    public static let version = "0.4.0"

    public static func run(configuration: KioskConfiguration, theme: Theme) async throws -> Int32 {
        let isDemo = configuration.environment == .demo
        ProcessHardening.apply(isDemo: isDemo)

        var demo: (simulator: RunningSimulator, reader: DemoReader, personas: DemoPersonas)?
        let gasURL: String, portalURL: String, caFile: String?
        switch configuration.endpoints {
        case .builtInSimulator:
            let started = try await startDemo()
            demo = started
            (gasURL, portalURL, caFile) = (started.simulator.baseURL, started.simulator.baseURL, nil)
        case .remote(let gas, let portal, let ca):
            (gasURL, portalURL, caFile) = (gas.absoluteString, portal.absoluteString, ca)
        }

        let engine = try HTTPEngine(configuration: HTTPEngine.Configuration(
            connectTimeout: .seconds(configuration.network.connectTimeoutSeconds),
            timeout: .seconds(configuration.network.requestTimeoutSeconds),
            extraCAFile: caFile, userAgent: "cmc-kiosk/\(version)"))
        let router = KeyRouter(bindings: configuration.keys, isDemo: isDemo)
        var onDrawn: (@Sendable (KioskState) -> Void)?
        if let trace = TimingTrace(environment: ProcessInfo.processInfo.environment) {
            onDrawn = { state in trace.record(state.phase) }
        }
        let screen = TerminalScreen(styles: StyleSheet(theme: theme), keys: router.labels, onDrawn: onDrawn)
        let services = KioskServices(
            cards: demo?.reader ?? PCSCCardConnector(), engine: engine, gasURL: gasURL, portalURL: portalURL,
            environment: GASEnvironment(rawValue: configuration.environment.rawValue) ?? .live,
            deviceID: configuration.deviceID, signatureDigest: configuration.card.signatureDigest,
            audit: try configuration.audit.path.map {
                try AuditLog(path: $0, deviceID: configuration.deviceID, syslog: configuration.audit.syslog)
            },
            sessionCommand: configuration.session.map {
                SessionCommandSettings(
                    command: $0.command, logoutWhenCommandExits: $0.logoutWhenCommandExits,
                    needsTerminal: $0.needsTerminal)
            },
            terminal: TerminalHandover(suspend: screen.suspend, resume: screen.resume))
        let controller = demo.map {
            DemoController(
                personas: $0.personas, reader: $0.reader, insertKey: RawKey(configuration.keys.demoInsert),
                removeKey: RawKey(configuration.keys.demoRemove))
        }
        let initial = KioskState(
            environment: KioskCore.KioskEnvironment(rawValue: configuration.environment.rawValue) ?? .live,
            helpdesk: Helpdesk(email: configuration.helpdesk.email, phone: configuration.helpdesk.phone), now: Date())
        let runtime = KioskRuntime(initialState: initial, services: services) { state in
            screen.show(state, overlay: controller?.currentOverlay)
        }

        let stop = DispatchSemaphore(value: 0)
        atexit { TerminalScreen.restore() }
        try screen.start { key in
            if let controller, controller.handle(key, runtime: runtime) {
                screen.show(runtime.currentState, overlay: controller.currentOverlay)
                return
            }
            switch router.route(key, in: runtime.currentState.phase) {
            case .kiosk(let input): runtime.send(.input(input))
            case .quit: stop.signal()
            case .nothing: break
            }
        }
        let endSignals = [SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { stop.signal() }
            source.resume()
            return source
        }

        runtime.start()
        let ticker = Ticker(runtime: runtime)
        var monitor: ReaderMonitor?
        if demo != nil {
            runtime.send(.readerAdded(DemoReader.name))
        } else {
            monitor = ReaderBridge.monitor(filter: configuration.readerName, runtime: runtime)
            monitor?.start()
        }

        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                stop.wait()
                continuation.resume()
            }
        }
        endSignals.forEach { $0.cancel() }
        ticker.stop()
        monitor?.stop()
        await runtime.shutDown()
        screen.stop()
        await demo?.simulator.stop()
        return 0
    }

    /// The theme of that name (from the shipped `Themes/`) or at that path.
    public static func theme(named nameOrPath: String) throws -> Theme {
        guard let folder = ResourceLocator.folder("Themes") else { throw LaunchError.missing("Themes/") }
        return try Theme.load(nameOrPath: nameOrPath, themesDirectory: folder)
    }

    private static func startDemo() async throws -> (simulator: RunningSimulator, reader: DemoReader, personas: DemoPersonas) {
        guard let folder = ResourceLocator.folder("Personas/demo") else { throw LaunchError.missing("Personas/demo") }
        let anchors = try SimulatorConfiguration.loadTrustAnchors(path: folder.appending(path: "ca.pem").path)
        let simulator = try await SimulatorServer.start(
            SimulatorConfiguration(trustAnchors: anchors, controlEndpointsEnabled: false))
        return (simulator, DemoReader(), try DemoPersonas(folder: folder))
    }
}

/// Why the kiosk could not start, in one line.
public enum LaunchError: Error, CustomStringConvertible {
    case missing(String)

    public var description: String {
        switch self {
        case .missing(let what): "cannot find \(what) (looked beside the program and in /usr/share/cmc-kiosk)"
        }
    }
}
