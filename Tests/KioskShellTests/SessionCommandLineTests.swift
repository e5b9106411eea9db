import Foundation
import Glibc
import KioskCore
@testable import KioskShell
import Testing

/// The session command's line and environment: placeholders filled in at launch, the hand-off URL
/// kept out of the audit, proxy settings passed on.
@Suite("The session command's line")
struct SessionCommandLineTests {
    @Test func placeholdersAreFilledInAndTheHandoffURLIsNeverAudited() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let arguments = scratch.path("arguments")
        let kiosk = try await ShellHarness(sessionCommand: SessionCommandSettings(
            command: try CommandTemplate([
                "/bin/sh", "-c",
                "\(scratch.write("$$", to: "group")); printf '%s\\n' \"$@\" > \(arguments).part && mv \(arguments).part \(arguments); exec sleep 300",
                "sh", "--open={portal_url}", "{handoff_url}", "{uid}/{role_id}", "{{literal}}",
            ])))
        defer { Task { await kiosk.stop() } }
        try await signIn(kiosk)
        let group = try await scratch.processGroup()
        defer { if !liveMembers(of: group).isEmpty { kill(-group, SIGKILL) } }
        let lines = try await scratch.waitForFile("arguments").split(separator: "\n").map(String.init)
        let uid = try #require(await kiosk.state.card?.uid)

        try #require(lines.count == 4, "\(lines)")
        #expect(lines[0] == "--open=" + kiosk.simulator.baseURL + "/")
        #expect(lines[1].hasPrefix(kiosk.simulator.baseURL + "/sso/handoff?code="), "\(lines[1])")
        #expect(lines[2] == "\(uid)/\(await signedInRoleID(kiosk) ?? "?")")
        #expect(lines[3] == "{literal}")
        let code = try #require(lines[1].split(separator: "=").last.map(String.init))
        kiosk.remove()
        _ = try await waitForStop(kiosk)
        let audit = try String(contentsOf: kiosk.auditFile, encoding: .utf8)
        #expect(audit.contains("session_command_started"))
        #expect(!audit.contains(code) && !audit.contains("handoff?"), "the hand-off URL is not audited")
    }

    @Test func proxySettingsPassInBothCasesAndNothingElseOfTheKiosks() {
        let kiosk = [
            "http_proxy": "http://proxy.trust.nhs.uk:3128", "HTTPS_PROXY": "http://proxy.trust.nhs.uk:3128",
            "no_proxy": "localhost,.nhs.uk", "NO_PROXY": "localhost", "https_proxy": "http://p:3128",
            "HTTP_PROXY": "http://p:8080", "SSH_AUTH_SOCK": "/tmp/agent", "HOME": "/var/lib/cmc-kiosk",
        ]
        let launch = SessionLaunch(uid: "555100000001", roleID: "555200010001", displayName: "Dr Jane Smith", portalURL: nil)
        let variables = SessionCommandEnvironment(launch, handoffURL: nil).variables(inheritingFrom: kiosk)
        for name in ["http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"] {
            #expect(variables[name] == kiosk[name], "\(name)")
        }
        #expect(variables["SSH_AUTH_SOCK"] == nil)
    }

    @Test func aMissingHandoffURLFailsTheStartInPlainWordsAndLogsOut() async throws {
        let kiosk = try await ShellHarness(
            sessionCommand: SessionCommandSettings(command: try CommandTemplate(["/bin/sh", "-c", "sleep 300", "sh", "{handoff_url}"])))
        defer { Task { await kiosk.stop() } }
        try await kiosk.addFault(#"{"path_prefix": "/api/smartcard/sessions/current/handoff", "status": 404}"#)
        // Not `signIn`: the signed-in screen lasts only until the failed start logs out.
        try kiosk.insert("one-role")
        try #require(await kiosk.waitForPhase { if case .passcodeEntry = $0 { true } else { false } } != nil)
        kiosk.type("123456")
        #expect(try await kiosk.waitForAudit { $0.contains("session_command_failed") })
        let failed = try kiosk.auditedEvents().first { $0["event"] as? String == "session_command_failed" }
        #expect(failed?["reason"] as? String == "the portal gave no {handoff_url} for the command line")
        #expect(await kiosk.waitForTeardown(), "a command that cannot start logs out, as an exit does")
    }
}
