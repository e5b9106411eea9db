import KioskApp
import KioskConfiguration
import KioskCore
import Simulator
import SimulatorServer
import TerminalUI

/// Runs the whole system on one machine for trainers: the GAS and portal simulators on loopback
/// (spoken to over real HTTPS through libcurl), a simulated reader, and the demo cards.
public enum DemoLauncher {
    public static func run(configuration: KioskConfiguration, theme: Theme) async throws -> Int32 {
        guard let folder = ResourceLocator.folder("Personas/demo") else { throw LaunchError.missing("Personas/demo") }
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
            removeKey: RawKey(configuration.keys.demoRemove))
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
            overlay: { $0.overlay })
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
