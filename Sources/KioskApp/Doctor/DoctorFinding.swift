/// What one check of `cmc-kiosk doctor` found: how it stands, what it looked at, and in plain
/// words what it saw and what to do about it.
public struct DoctorFinding: Equatable, Sendable {
    /// How a check came out. Only warnings and failures change the exit status.
    public enum Verdict: Sendable, Comparable {
        case ok
        /// Not checked, for a reason given in the text (no card inserted, no configuration).
        case skipped
        case warning
        case failed

        /// The word at the start of the report's line.
        var label: String {
            switch self {
            case .ok: "ok"
            case .skipped: "skip"
            case .warning: "warning"
            case .failed: "FAIL"
            }
        }
    }

    public var verdict: Verdict
    /// What was checked: `configuration`, `theme`, `pcscd`, `reader`, `card`, `trust store`, `GAS`,
    /// `portal` or `clock`.
    public var subject: String
    /// What was found and, unless all is well, what to do.
    public var text: String

    public init(_ verdict: Verdict, _ subject: String, _ text: String) {
        self.verdict = verdict
        self.subject = subject
        self.text = text
    }

    /// The report's line: verdict, subject and text in columns.
    var line: String {
        func padded(_ word: String, _ width: Int) -> String {
            word + String(repeating: " ", count: max(1, width - word.count))
        }
        return padded(verdict.label, 9) + padded(subject, 13) + text
    }
}
