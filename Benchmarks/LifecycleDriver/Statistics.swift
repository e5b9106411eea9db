/// Millisecond samples and their order statistics.
public struct Samples: Sendable {
    public private(set) var values: [Double] = []

    public init() {}

    public mutating func add(_ milliseconds: Double) { values.append(milliseconds) }

    /// The `fraction` quantile, nearest rank.
    public func quantile(_ fraction: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }

    public var summary: [Double?] { [values.min(), quantile(0.5), quantile(0.95), quantile(0.99), values.max()] }
}

/// A plain-text table of rows of milliseconds.
public struct Table {
    public let title: String
    public let columns: [String]
    private var rows: [(String, [String])] = []

    public init(title: String, columns: [String]) {
        self.title = title
        self.columns = columns
    }

    public mutating func add(_ label: String, _ values: [Double?]) {
        rows.append((label, values.map { $0.map { String(format: "%.1f", $0) } ?? "–" }))
    }

    public mutating func add(_ label: String, text: [String]) { rows.append((label, text)) }

    public func render() -> String {
        let labelWidth = max(title.count, rows.map(\.0.count).max() ?? 0)
        let widths = columns.indices.map { index in
            max(columns[index].count, rows.map { index < $0.1.count ? $0.1[index].count : 0 }.max() ?? 0)
        }
        func line(_ label: String, _ cells: [String]) -> String {
            "| " + label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + " | "
                + cells.enumerated().map { String(repeating: " ", count: max(0, widths[$0.offset] - $0.element.count)) + $0.element }
                .joined(separator: " | ") + " |"
        }
        let rule = "|" + String(repeating: "-", count: labelWidth + 2) + "|"
            + widths.map { String(repeating: "-", count: $0 + 1) + ":|" }.joined()
        return ([line(title, columns), rule] + rows.map { line($0.0, $0.1) }).joined(separator: "\n")
    }
}
