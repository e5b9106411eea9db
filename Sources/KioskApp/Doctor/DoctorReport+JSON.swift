import FoundationEssentials

/// `cmc-kiosk doctor --json`: the same findings as the text report, as one JSON object for
/// support tickets and fleet monitoring. Its schema is in docs/deployment.md ("Checking a
/// terminal"); `schema` changes only when a key changes meaning or goes.
extension DoctorReport {
    /// The version of the JSON's layout.
    public static let jsonSchema = 1

    /// The report as pretty-printed JSON with sorted keys, ending in a newline. `version` is the
    /// kiosk's own.
    public func json(version: String) -> String {
        let count = { (verdict: DoctorFinding.Verdict) in findings.filter { $0.verdict == verdict }.count }
        let document = JSONReport(
            schema: Self.jsonSchema, version: version, exitStatus: exitStatus,
            summary: .init(ok: count(.ok), skipped: count(.skipped), warning: count(.warning), failed: count(.failed)),
            checks: findings.map { .init(verdict: $0.verdict.jsonName, subject: $0.subject, text: $0.text) },
            proxy: proxy)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Strings and numbers, in objects and arrays: encoding cannot fail.
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private struct JSONReport: Encodable {
        struct Summary: Encodable {
            let ok, skipped, warning, failed: Int
        }
        struct Check: Encodable {
            let verdict, subject, text: String
        }
        let schema: Int
        let version: String
        let exitStatus: Int32
        let summary: Summary
        let checks: [Check]
        /// Absent when the server checks did not run; its nil members are left out.
        let proxy: DoctorReport.Proxy?
    }
}

extension DoctorFinding.Verdict {
    /// The verdict's name in the JSON report.
    var jsonName: String {
        switch self {
        case .ok: "ok"
        case .skipped: "skipped"
        case .warning: "warning"
        case .failed: "failed"
        }
    }
}
