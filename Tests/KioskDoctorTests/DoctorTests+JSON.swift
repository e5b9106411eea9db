import Foundation
import KioskProcessTestSupport
import Testing

/// `cmc-kiosk doctor --json`: the same checks as the text report, as one JSON object; part of
/// DoctorTests, whose serialized tests share the private reader's ports.
extension DoctorTests {
    @Test func theJSONReportHasTheSameChecksAndExitStatusAsTheText() async throws {
        let terminal = try await DoctorTerminal()
        defer { terminal.finish() }
        try await terminal.insert(demo: "expiring")
        let configuration = try terminal.configuration()
        let text = try terminal.doctor(["--config", configuration])
        let run = try terminal.doctor(["--config", configuration, "--json"])

        #expect(run.status == 1 && text.status == 1, "a warning for the expiring card: \(run.stdout)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
                                  "one JSON object: \(run.stdout)")
        #expect(object["schema"] as? Int == 1)
        #expect(object["exit_status"] as? Int == 1)
        #expect((object["version"] as? String)?.isEmpty == false)
        let checks = try #require(object["checks"] as? [[String: String]], "\(run.stdout)")
        let textLines = text.stdout.split(separator: "\n").dropLast().map(String.init)
        #expect(checks.map { $0["subject"] ?? "" } == textLines.map { String($0.dropFirst(9).prefix(13)).trimmingCharacters(in: .whitespaces) },
                "the same checks in the same order: \(run.stdout)\n\(text.stdout)")
        let card = try #require(checks.first { $0["subject"] == "card" })
        #expect(card["verdict"] == "warning" && card["text"]?.contains("certificate expires in") == true, "\(card)")
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["warning"] == 1 && summary["failed"] == 0 && summary["ok"] == checks.filter { $0["verdict"] == "ok" }.count,
                "\(summary)")
    }

    @Test func aFailureIsFailedInTheJSONAndExits2() async throws {
        let terminal = try await DoctorTerminal()
        defer { terminal.finish() }
        let missing = "/tmp/cmc-doctor-no-such-\(UUID()).toml"
        let run = try terminal.doctor(["--config", missing, "--json"])

        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let checks = try #require(object["checks"] as? [[String: String]])
        let configuration = try #require(checks.first { $0["subject"] == "configuration" }, "\(run.stdout)")
        #expect(configuration["verdict"] == "failed" && configuration["text"]?.contains(missing) == true, "\(configuration)")
        #expect(object["exit_status"] as? Int == 2)
    }
}
