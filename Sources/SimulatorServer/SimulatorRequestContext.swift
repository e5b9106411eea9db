import Hummingbird
import NIOCore

/// The request context of the simulator's routes: Hummingbird's core storage plus the channel,
/// which fault injection closes to drop a connection.
struct SimulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Request bodies are small; anything larger is refused.
    var maxUploadSize: Int { 1 << 20 }
}
