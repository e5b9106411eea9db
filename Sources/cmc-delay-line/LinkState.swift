import Synchronization

/// The state both directions of the link read: the settings, whether the link is down, and
/// whether the process is stopping.
final class LinkState: Sendable {
    private struct Values {
        var settings: LinkSettings
        var isDown = false
        var isStopping = false
    }

    private let values: Mutex<Values>

    init(settings: LinkSettings) { values = Mutex(Values(settings: settings)) }

    var settings: LinkSettings {
        get { values.withLock { $0.settings } }
        set { values.withLock { $0.settings = newValue } }
    }

    var isDown: Bool {
        get { values.withLock { $0.isDown } }
        set { values.withLock { $0.isDown = newValue } }
    }

    var isStopping: Bool { values.withLock { $0.isStopping } }

    func stop() { values.withLock { $0.isStopping = true } }
}
