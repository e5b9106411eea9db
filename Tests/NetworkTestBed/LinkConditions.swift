/// What the delay line does to the ward's traffic: a round-trip time, ± jitter on each
/// direction's delay (uniform), and the share of packets lost.
public struct LinkConditions: Sendable, Equatable, CustomStringConvertible {
    public var rtt: Duration
    public var jitter: Duration
    public var loss: Double

    public init(rtt: Duration, jitter: Duration = .zero, loss: Double = 0) {
        self.rtt = rtt
        self.jitter = jitter
        self.loss = loss
    }

    /// No delay, no loss.
    public static let ideal = LinkConditions(rtt: .zero)

    /// The delay line's `set` command for these conditions.
    var command: String { "set rtt_ms=\(Self.milliseconds(rtt)) jitter_ms=\(Self.milliseconds(jitter)) loss=\(loss)" }

    public var description: String {
        "RTT \(Self.milliseconds(rtt)) ms ± \(Self.milliseconds(jitter)) ms, \(loss * 100) % loss (userspace delay line, no netem)"
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }
}
