import LifecycleDriver

/// Every cycle's figures at one round-trip time.
struct RTTFigures {
    let rtt: Double
    private(set) var cycles: [CycleResult] = []

    init(rtt: Double) { self.rtt = rtt }

    mutating func add(_ cycle: CycleResult) { cycles.append(cycle) }

    /// A figure of every cycle, as samples.
    func samples(_ value: (CycleResult) -> Double) -> Samples {
        var samples = Samples()
        for cycle in cycles { samples.add(value(cycle)) }
        return samples
    }

    /// The ideal of a cycle's round trips on this link: RTT × round trips.
    func ideal(_ roundTrips: Int) -> Double { rtt * Double(roundTrips) }

    /// A round-trip count of every cycle, as "3" when they agree or "3–4" when they differ.
    func count(_ value: (CycleResult) -> Int) -> String {
        let values = cycles.map(value)
        guard let low = values.min(), let high = values.max() else { return "–" }
        return low == high ? "\(low)" : "\(low)–\(high)"
    }
}
