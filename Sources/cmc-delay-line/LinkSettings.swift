import ArgumentParser

/// What the emulated link does to each packet: its delay, jitter and loss.
struct LinkSettings: Sendable, Equatable {
    private(set) var rttMilliseconds: Double
    private(set) var jitterMilliseconds: Double
    private(set) var loss: Double

    init(rttMilliseconds: Double, jitterMilliseconds: Double, loss: Double) throws {
        self.rttMilliseconds = rttMilliseconds
        self.jitterMilliseconds = jitterMilliseconds
        self.loss = loss
        try check()
    }

    /// These settings with the `key=value` pairs of a `set` command (rtt_ms, jitter_ms, loss).
    func updated(with pairs: [Substring]) throws -> LinkSettings {
        var settings = self
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = Double(parts[1]), value.isFinite else {
                throw ValidationError("\(pair): expected key=number")
            }
            switch parts[0] {
            case "rtt_ms": settings.rttMilliseconds = value
            case "jitter_ms": settings.jitterMilliseconds = value
            case "loss": settings.loss = value
            default: throw ValidationError("\(parts[0]): unknown setting (rtt_ms, jitter_ms, loss)")
            }
        }
        try settings.check()
        return settings
    }

    /// One direction's delay for the next packet, in seconds: RTT/2 ± jitter, uniform, never negative.
    func oneWayDelay() -> Double {
        let jitter = jitterMilliseconds > 0 ? Double.random(in: -jitterMilliseconds...jitterMilliseconds) : 0
        return max(0, rttMilliseconds / 2 + jitter) / 1_000
    }

    /// Whether the next packet is lost.
    func losesPacket() -> Bool { loss > 0 && Double.random(in: 0..<1) < loss }

    var summary: String { "rtt_ms=\(rttMilliseconds) jitter_ms=\(jitterMilliseconds) loss=\(loss)" }

    private func check() throws {
        guard rttMilliseconds >= 0, rttMilliseconds.isFinite else { throw ValidationError("rtt_ms \(rttMilliseconds): not a duration") }
        guard jitterMilliseconds >= 0, jitterMilliseconds.isFinite else {
            throw ValidationError("jitter_ms \(jitterMilliseconds): not a duration")
        }
        guard (0...1).contains(loss) else { throw ValidationError("loss \(loss): a share from 0 to 1") }
    }
}
