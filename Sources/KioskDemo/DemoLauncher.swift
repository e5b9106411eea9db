import Dispatch
import Glibc
import KioskApp
import KioskConfiguration
import KioskCore
import Simulator
import SimulatorServer
import TerminalUI

/// Runs the whole system on one machine for trainers: the GAS and portal simulators on loopback
/// (spoken to over real HTTPS through libcurl), a simulated reader, and the demo cards.
public enum DemoLauncher {
    /// - Parameter browserRelay: this program, which runs the session browser as `relay`; nil for
    ///   no browser, only the kiosk's signed-in screen.
    public static func run(configuration: KioskConfiguration, theme: Theme, browserRelay: String?) async throws -> Int32 {
        guard let folder = ResourceLocator.folder("Personas/demo") else { throw LaunchError.missing("Personas/demo") }
        var configuration = configuration
        if configuration.session == nil, let browserRelay {
            configuration.session = DemoBrowser.session(relay: browserRelay, removeKey: configuration.keys.demoRemove)
        }
        let removeKey = RawKey(configuration.keys.demoRemove)
        ProcessHardening.apply(isDemo: true)
        let personas = try DemoPersonas(folder: folder)
        let reader = try DemoReader(personas: personas)
        let anchors = try SimulatorConfiguration.loadTrustAnchors(path: folder.appending(path: "ca.pem").path)
        let simulator = try await SimulatorServer.start(
            SimulatorConfiguration(trustAnchors: anchors, controlEndpointsEnabled: false))
        let front = DemoFront(
            personas: personas.entries.map {
                DemoOverlay.Persona(label: $0.persona.label ?? $0.key, description: $0.persona.description ?? "")
            },
            kioskKeys: KeyRouter(bindings: configuration.keys), insertKey: RawKey(configuration.keys.demoInsert),
            removeKey: removeKey)
        let status = try await KioskLauncher.run(
            configuration: configuration, theme: theme,
            servers: Servers(gasURL: simulator.baseURL, portalURL: simulator.baseURL), cards: reader,
            readers: DemoReaderSource(), front: front,
            performFrontEffect: { effect in
                switch effect {
                case .insert(let index):
                    return reader.insert(persona: index)
                        ? [.cardInserted(reader: DemoReader.name, atr: VirtualCard.atr)] : []
                case .remove:
                    reader.remove()
                    return [.cardRemoved(reader: DemoReader.name)]
                }
            },
            overlay: { $0.overlay },
            keySources: { press in RelayRemovals.forward { press(removeKey) } })
        await simulator.stop()
        return status
    }
}

/// The demo's one reader, there from the start; its cards come and go through the front.
struct DemoReaderSource: ReaderSource {
    func start(reporting report: @escaping @Sendable (KioskEvent) -> Void) {
        report(.readerAdded(DemoReader.name))
    }

    func stop() {}
}

/// SIGUSR2 from the session browser's relay: the removal key pressed while the browser had the
/// terminal, pressed again here for the demo's front. Not SIGUSR1, which asks the kiosk to reopen
/// its audit file: two dispatch sources for one signal do not both hear every delivery.
enum RelayRemovals {
    nonisolated(unsafe) private static var source: (any DispatchSourceSignal)?

    static func forward(_ press: @escaping @Sendable () -> Void) {
        signal(SIGUSR2, SIG_IGN)
        let signals = DispatchSource.makeSignalSource(signal: SIGUSR2)
        signals.setEventHandler(handler: press)
        signals.resume()
        source = signals
    }
}
