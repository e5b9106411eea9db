/// The findings of one `cmc-kiosk doctor` run, in the order the checks ran, with the exit status
/// that scripts read:
///
/// - 0: every check is ok (or skipped, such as the card checks when no card is in the reader);
/// - 1: at least one warning and no failure: the kiosk works, but something needs attention;
/// - 2: at least one check failed: the kiosk, or the card checked, cannot sign anyone in as things
///   stand. A bad command line also exits 2, as everywhere in `cmc-kiosk`; it prints one line on
///   standard error and no report.
public struct DoctorReport: Sendable {
    public private(set) var findings: [DoctorFinding] = []
    /// The proxy of the server checks; nil when they did not run.
    public internal(set) var proxy: Proxy?

    public init() {}

    mutating func add(_ finding: DoctorFinding) {
        findings.append(finding)
    }

    mutating func add(_ verdict: DoctorFinding.Verdict, _ subject: String, _ text: String) {
        add(DoctorFinding(verdict, subject, text))
    }

    /// The worst verdict: 0 all ok, 1 warnings only, 2 a failure.
    public var exitStatus: Int32 {
        switch findings.map(\.verdict).max() {
        case .failed: 2
        case .warning: 1
        default: 0
        }
    }

    /// One line per finding, then a summary line.
    public var text: String {
        let count = { (verdict: DoctorFinding.Verdict) in self.findings.filter { $0.verdict == verdict }.count }
        let failed = count(.failed), warnings = count(.warning)
        let outcome = failed > 0
            ? "put the FAIL lines right first"
            : warnings > 0 ? "the kiosk can work; the warnings need attention" : "this terminal is ready"
        let summary = "\(count(.ok)) ok, \(count(.skipped)) skipped, \(warnings) warning\(warnings == 1 ? "" : "s"), "
            + "\(failed) failed: \(outcome)"
        return (findings.map(\.line) + [summary]).joined(separator: "\n") + "\n"
    }
}
