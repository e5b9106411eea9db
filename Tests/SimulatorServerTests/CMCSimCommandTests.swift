import Foundation
import Simulator
import Testing

@Suite("The cmc-sim command")
struct CMCSimCommandTests {
    /// The built `cmc-sim`, next to the test binary.
    func executable() throws -> URL {
        let directory = try #require(Bundle.main.executableURL).deletingLastPathComponent()
        let url = directory.appendingPathComponent("cmc-sim")
        try #require(FileManager.default.isExecutableFile(atPath: url.path), "\(url.path)")
        return url
    }

    @Test("its first line is the URL it serves, with the real port; SIGTERM stops it")
    func firstLineIsURL() async throws {
        let sim = try LaunchedProcess(executable(), ["--port", "0", "--lease", "5", "--idle-timeout", "4", "--warning", "1"])
        let line = try #require(try await sim.firstLine(), "stderr: \(sim.stderrText)")
        let url = try #require(URL(string: line))
        #expect(url.scheme == "http")
        #expect(url.host == "127.0.0.1")
        #expect((url.port ?? 0) > 0)
        let status = try await Curl().get("\(line)/_sim/status")
        #expect(status.status == 200)
        let timeouts = (status.json["portal"] as? [String: Any])?["timeouts"] as? [String: Any]
        #expect(timeouts?["lease_seconds"] as? Int == 5)
        #expect(timeouts?["idle_seconds"] as? Int == 4)
        #expect(await sim.terminate() == 0)
    }

    @Test("HTTPS with --tls-cert and --tls-key, and a users file with its settings")
    func tlsAndUsersFile() async throws {
        let pki = TestPKI.shared
        let users = """
            {"users": [{"uid": "555123456789", "display_name": "Dr Test Person", "cmc": {"role": "Clinician"},
                        "roles": [{"role_profile_id": "555123450102", "org_code": "RPY",
                                   "org_name": "THE ROYAL MARSDEN NHS FOUNDATION TRUST", "area": "Clinical",
                                   "sub_area": "Clinical Provision", "job_role": "Clinical Practitioner Access Role",
                                   "role_code": "S8000:G8000:R8000"}]}],
             "settings": {"lease_seconds": 7, "challenge_ttl_seconds": 30}}
            """
        let usersFile = try TemporaryFiles.makeFile(contents: Data(users.utf8), suffix: ".json")
        let sim = try LaunchedProcess(executable(), [
            "--users", usersFile.path, "--tls-cert", pki.server.certificatePath, "--tls-key", pki.server.keyPath,
            "--ca", pki.ca.certificatePath,
        ])
        let line = try #require(try await sim.firstLine(), "stderr: \(sim.stderrText)")
        #expect(line.hasPrefix("https://127.0.0.1:"))
        let curl = try Curl(caFile: pki.ca.certificatePath)
        let status = try await curl.get("\(line)/_sim/status")
        #expect(((status.json["portal"] as? [String: Any])?["timeouts"] as? [String: Any])?["lease_seconds"] as? Int == 7)
        let harness = SimulatorHarness(base: line, curl: curl)
        let answer = try await harness.authenticate(uid: "555123456789")
        #expect(answer["cn"] == "Dr Test Person")
        #expect(try await harness.authenticate(uid: "555100000001")["error"] == "USER_NOT_VALID")
        #expect(await sim.terminate() == 0)
    }

    @Test("with the built-in demo users and no --ca, a demo card is trusted (Personas/demo/ca.pem, built in); a card of another CA is not")
    func demoCATrustedByDefault() async throws {
        let demo = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../Personas/demo").standardized
        let builtIn = DemoUsers.certificateAuthorityPEM
        #expect(builtIn == (try String(contentsOf: demo.appending(path: "ca.pem"), encoding: .utf8)))
        // Nurse Amir Khan's demo card: its certificate and key, as cmc-vcard would hold them.
        let persona = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: demo.appending(path: "one-role.json"))) as? [String: Any])
        let certificate = try TemporaryFiles.makeFile(contents: Data(try #require(persona["cert_pem"] as? String).utf8), suffix: ".pem")
        let key = try TemporaryFiles.makeFile(contents: Data(try #require(persona["key_pem"] as? String).utf8), suffix: ".pem")
        let card = TestPKI.Credential(certificatePath: certificate.path, keyPath: key.path)

        let sim = try LaunchedProcess(executable(), ["--port", "0"])
        let line = try #require(try await sim.firstLine(), "stderr: \(sim.stderrText)")
        let harness = SimulatorHarness(base: line, curl: try Curl())
        let answer = try await harness.authenticate(uid: "555100000002", card: card)
        #expect(answer["error"] == nil)
        #expect(answer["cn"] == "Nurse Amir Khan")
        #expect(answer["sso_ticket"] != nil)
        #expect(try await harness.authenticate(uid: "555100000002")["error"] == "AUTHENTICATION_FAILED")
        #expect(await sim.terminate() == 0)
        #expect(sim.stderrText.contains("trusting the demo CA"))
    }

    @Test("--help lists every option")
    func help() async throws {
        let output = try await Subprocess.run(executable().path, ["--help"])
        #expect(output.status == 0)
        for option in [
            "--host", "--port", "--users", "--tls-cert", "--tls-key", "--ca", "--idle-timeout", "--warning",
            "--absolute-timeout", "--lease", "--challenge-ttl", "--no-control", "--log-level",
        ] {
            #expect(output.stdoutText.contains(option), "\(option)")
        }
    }

    @Test("a bad option or configuration exits 2 with one clear line", arguments: [
        (["--bogus"], "--bogus"),
        (["--port", "seventy"], "seventy"),
        (["--host", "0.0.0.0"], "loopback only"),
        (["--users", "/nonexistent/users.json"], "/nonexistent/users.json"),
        (["--ca", "/nonexistent/ca.pem"], "/nonexistent/ca.pem"),
        (["--tls-cert", "/nonexistent/cert.pem"], "--tls-key"),
        (["--idle-timeout", "10", "--warning", "20"], "--warning"),
        (["--lease", "0"], "--lease"),
    ])
    func badOption(arguments: [String], mention: String) async throws {
        let output = try await Subprocess.run(executable().path, arguments)
        #expect(output.status == 2)
        #expect(output.stdoutText.isEmpty, "nothing is half-started")
        let lines = output.stderrText.split(separator: "\n")
        #expect(lines.count == 1, "\(output.stderrText)")
        #expect(output.stderrText.contains(mention), "\(output.stderrText)")
    }

    @Test("a users file with a wrong key is named with the key")
    func badUsersFile() async throws {
        let file = try TemporaryFiles.makeFile(
            contents: Data(#"{"users": [{"uid": "555100000001", "display_name": 5}]}"#.utf8), suffix: ".json")
        let output = try await Subprocess.run(executable().path, ["--users", file.path])
        #expect(output.status == 2)
        #expect(output.stderrText.contains(file.path))
        #expect(output.stderrText.contains("users[0].display_name"), "\(output.stderrText)")
    }
}
