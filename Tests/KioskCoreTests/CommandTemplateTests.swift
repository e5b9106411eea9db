import KioskCore
import Testing

/// The session command line's placeholders: checked when configured, filled in at launch.
@Suite("Session command templates")
struct CommandTemplateTests {
    @Test("each placeholder is filled in, wherever it sits in an argument; doubled braces are literal")
    func expansion() throws {
        let template = try CommandTemplate(["/usr/bin/w3m", "-o", "x={{y}}", "{handoff_url}", "--user={uid}:{role_id}", "{portal_url}"])
        #expect(template.placeholders == [.handoffURL, .uid, .roleID, .portalURL])
        let values: [CommandTemplate.Placeholder: String] = [
            .handoffURL: "https://cmc/sso/handoff?code=1", .uid: "555100000001", .roleID: "555200010001",
            .portalURL: "https://cmc/",
        ]
        #expect(try template.expanded(with: values).get()
            == ["/usr/bin/w3m", "-o", "x={y}", "https://cmc/sso/handoff?code=1", "--user=555100000001:555200010001", "https://cmc/"])
    }

    @Test("a value the session does not have is named, and nothing is launched")
    func missing() throws {
        let template = try CommandTemplate(["/usr/bin/w3m", "{handoff_url}"])
        guard case .failure(let missing) = template.expanded(with: [.uid: "1"]) else {
            Issue.record("expanded without a hand-off URL")
            return
        }
        #expect(missing.placeholder == .handoffURL)
        #expect(try CommandTemplate(["/usr/bin/w3m", "-dump"]).expanded(with: [:]).get() == ["/usr/bin/w3m", "-dump"])
    }

    @Test("unknown placeholders, unclosed braces and a placeholder as the program are refused in plain words")
    func refused() {
        #expect(throws: CommandTemplate.Problem.unknownPlaceholder("url")) { try CommandTemplate(["/usr/bin/w3m", "{url}"]) }
        #expect(throws: CommandTemplate.Problem.unclosedBrace(argument: 1)) { try CommandTemplate(["/usr/bin/w3m", "{uid"]) }
        #expect(throws: CommandTemplate.Problem.placeholderInProgram) { try CommandTemplate(["/opt/{uid}/browser"]) }
        #expect(CommandTemplate.Problem.unknownPlaceholder("url").description.contains("{portal_url}, {handoff_url}, {uid}, {role_id}"))
    }
}
