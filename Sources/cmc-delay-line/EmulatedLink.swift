/// The two directions between two TUN devices, and the commands that change them.
final class EmulatedLink: Sendable {
    private let state: LinkState
    private let forward: Direction
    private let backward: Direction

    init(first: TunDevice, second: TunDevice, settings: LinkSettings) {
        state = LinkState(settings: settings)
        forward = Direction(from: first, to: second, state: state)
        backward = Direction(from: second, to: first, state: state)
    }

    func start() {
        forward.start()
        backward.start()
    }

    func stop() {
        state.stop()
        forward.waitUntilStopped()
        backward.waitUntilStopped()
    }

    /// Carries out one control command line; the answer line, `ok …` or `error …`.
    func answer(_ line: Substring) -> String {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        switch words.first {
        case "set":
            do {
                let settings = try state.settings.updated(with: Array(words.dropFirst()))
                state.settings = settings
                return "ok \(settings.summary)"
            } catch {
                return "error \(error)"
            }
        case "down" where words.count == 1:
            state.isDown = true
            return "ok down"
        case "up" where words.count == 1:
            state.isDown = false
            return "ok up"
        case "stats" where words.count == 1:
            return "ok \(state.isDown ? "down" : "up") \(state.settings.summary) \(describe(forward)) \(describe(backward))"
        default:
            return "error \(line.isEmpty ? "empty command" : String(line)): expected set, down, up or stats"
        }
    }

    private func describe(_ direction: Direction) -> String {
        let counts = direction.currentCounts
        return "\(direction.name) forwarded=\(counts.forwarded) dropped=\(counts.dropped)"
    }
}
