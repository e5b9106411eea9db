import Foundation
import TerminalTestSupport
import Testing

/// A bad command line, configuration or theme stops `cmc-kiosk` before the screen is touched:
/// exit status 2 and one line naming the file, the key and the problem.
@Suite("cmc-kiosk checks what it is given at start-up")
struct StartUpCheckTests {
    private func run(
        _ arguments: [String], program: String = Tmux.builtProgram("cmc-kiosk")
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(filePath: program)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    private func file(_ text: String, suffix: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appending(path: "cmc-kiosk-\(UUID())\(suffix)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("a broken configuration exits 2 with one line naming file, key and problem", arguments: [
        ("environment = \"live\"\n[endpoints]\ngas_url = \"http://gas.example.org\"\n",
         ":3: endpoints.gas_url: plain http:// is allowed only to loopback addresses"),
        ("environment = \"staging\"\n", ":1: environment:"),
        ("environment = \"test\"\nverify_tls = false\n", ":2: verify_tls:"),
        ("environment = \"test\"\n[keys]\nlogout = \"Ctrl-C\"\n", ":3: keys.logout:"),
    ])
    func brokenConfiguration(text: String, expected: String) throws {
        let path = try file(text, suffix: ".toml")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try run(["--config", path])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line: \(result.stderr)")
        #expect(result.stderr.hasPrefix("cmc-kiosk: \(path)\(expected)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty, "the screen is not touched")
    }

    @Test func aMissingConfigurationFileIsNamed() throws {
        let result = try run(["--config", "/nonexistent/config.toml"])
        #expect(result.status == 2)
        #expect(result.stderr == "cmc-kiosk: /nonexistent/config.toml: no such file\n")
    }

    @Test func aBrokenThemeExits2NamingFileLineAndKey() throws {
        // The shipped theme with one colour misspelt.
        let themes = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../Themes").standardized
        var lines = try String(contentsOf: themes.appending(path: "nhs.toml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let title = try #require(lines.firstIndex(of: "[title]"))
        let colour = try #require(lines[title...].firstIndex { $0.hasPrefix("fg ") || $0.hasPrefix("fg=") })
        lines[colour] = "fg = \"purpel\""
        let path = try file(lines.joined(separator: "\n"), suffix: ".toml")
        defer { try? FileManager.default.removeItem(atPath: path) }
        // `--demo` hands over to cmc-kiosk-demo, which checks the theme as the kiosk does.
        let result = try run(["--demo", "--theme", path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("cmc-kiosk-demo: \(path):\(colour + 1): title.fg:"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func anUnknownThemeNameIsRefused() throws {
        let result = try run(["--demo", "--theme", "no-such-theme"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no-such-theme"), "\(result.stderr)")
    }

    @Test func aBadOptionExits2() throws {
        let result = try run(["--no-such-option"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--no-such-option"))
    }

    @Test func helpListsEveryOption() throws {
        let result = try run(["--help"])
        #expect(result.status == 0)
        for option in ["--demo", "--config", "--theme", "--version", "--help"] {
            #expect(result.stdout.contains(option), "\(option) in --help")
        }
    }

    @Test func theWardKioskHandsADemoConfigurationToTheDemoProgram() throws {
        let path = try file("environment = \"demo\"\ntheme = \"no-such-theme\"\n", suffix: ".toml")
        defer { try? FileManager.default.removeItem(atPath: path) }

        let result = try run(["--config", path])

        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("cmc-kiosk-demo: "), "the demo program read it: \(result.stderr)")
    }

    @Test func withoutTheDemoProgramBesideItDemoSaysWhatToRun() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "cmc-kiosk-alone-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let alone = folder.appending(path: "cmc-kiosk").path
        try FileManager.default.copyItem(atPath: Tmux.builtProgram("cmc-kiosk"), toPath: alone)

        let result = try run(["--demo"], program: alone)

        #expect(result.status == 2)
        #expect(result.stderr.contains("cmc-kiosk-demo") && result.stderr.contains("scripts/demo"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
