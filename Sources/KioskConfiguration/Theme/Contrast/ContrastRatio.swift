/// The WCAG 2.1 contrast ratio of two colours: from 1:1 (the same luminance) to 21:1 (black
/// and white), whichever of the two is lighter.
struct ContrastRatio: Comparable, Sendable, CustomStringConvertible {
    /// The ratio's first term: 4.5 for 4.5:1.
    let value: Double

    /// WCAG 2.1 AA's minimum for text.
    static let minimumForText = ContrastRatio(value: 4.5)
    /// WCAG 2.1 AA's minimum for large text: here, bold headings.
    static let minimumForHeadings = ContrastRatio(value: 3)

    init(between first: SRGBColour, and second: SRGBColour) {
        let luminances = [first.relativeLuminance, second.relativeLuminance]
        value = (luminances.max()! + 0.05) / (luminances.min()! + 0.05)
    }

    private init(value: Double) {
        self.value = value
    }

    static func < (lhs: ContrastRatio, rhs: ContrastRatio) -> Bool { lhs.value < rhs.value }

    /// "4.48:1": two decimals, rounded down, so that a ratio short of a minimum never shows as it.
    var description: String {
        let hundredths = Int((value * 100).rounded(.down))
        let decimals = hundredths % 100
        return "\(hundredths / 100).\(decimals < 10 ? "0" : "")\(decimals):1"
    }
}
