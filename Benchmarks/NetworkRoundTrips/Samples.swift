/// Durations of one call, summarised as the table shows them.
struct Samples {
    let name: String
    private(set) var values: [Duration] = []

    init(_ name: String) {
        self.name = name
    }

    mutating func append(_ value: Duration) {
        values.append(value)
    }

    /// The value below which `fraction` of the samples lie (nearest rank).
    func percentile(_ fraction: Double) -> Duration {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .zero }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// `| name | n | min | median | p95 | p99 | max |` in milliseconds.
    var row: String {
        let cells = [0, 0.5, 0.95, 0.99, 1].map { Self.milliseconds(percentile($0)) }
        return "| \(name) | \(values.count) | " + cells.joined(separator: " | ") + " |"
    }

    static let header = "| call | n | min ms | median ms | p95 ms | p99 ms | max ms |\n|---|--:|--:|--:|--:|--:|--:|"

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return String(format: "%.2f", value)
    }
}
