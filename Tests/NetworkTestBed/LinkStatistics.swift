/// The delay line's counts, from its `stats` answer.
public struct LinkStatistics: Sendable, CustomStringConvertible {
    /// Packets from the ward toward the servers, forwarded and dropped (lost or during an outage).
    public let outbound: Counts
    /// Packets from the servers toward the ward.
    public let inbound: Counts
    public let isDown: Bool
    /// The answer as the delay line gave it.
    public let line: String

    public struct Counts: Sendable {
        public let forwarded: Int
        public let dropped: Int
        public var total: Int { forwarded + dropped }
    }

    /// Parses `ok up rtt_ms=… jitter_ms=… loss=… A->B forwarded=N dropped=N B->A forwarded=N dropped=N`.
    init?(answer: String) {
        let words = answer.split(separator: " ")
        guard words.first == "ok", words.count > 1 else { return nil }
        let counts = words.compactMap { word -> Int? in
            let parts = word.split(separator: "=")
            guard parts.count == 2, ["forwarded", "dropped"].contains(parts[0]) else { return nil }
            return Int(parts[1])
        }
        guard counts.count == 4 else { return nil }
        outbound = Counts(forwarded: counts[0], dropped: counts[1])
        inbound = Counts(forwarded: counts[2], dropped: counts[3])
        isDown = words[1] == "down"
        line = answer
    }

    public var description: String { line }
}
