import Foundation
import KioskProcessTestSupport
import PCSCTestSupport

/// One test's reader: a private pcscd with its vpcd readers (ports 35991/35992, named `PIV PCD`),
/// `cmc-vcard insert --piv` cards in its first reader, and OpenSC's tools run in its namespace,
/// where they see only this pcscd. ``finish()`` ends every process it started.
final class PIVReader: @unchecked Sendable {
    static let readerName = "PIV PCD"
    static let readerPort: UInt16 = 35991
    static let module = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"

    let pcscd: PrivatePCSCD
    let workspace: Workspace
    private var card: Spawned?
    private var insertions = 0
    private var removals = 0

    init(_ name: String) async throws {
        workspace = try Workspace("piv-\(name)")
        pcscd = try await PrivatePCSCD.started(friendlyName: Self.readerName, readerPort: Self.readerPort)
    }

    /// Runs `body` with a reader of its own holding a PIV card made from a demo persona (with a
    /// `faults` object if given), and `message.txt` in the workspace; ends every process after.
    static func withCard(
        _ name: String, demo: String = "several-roles", faults: [String: Any]? = nil,
        _ body: (PIVReader) async throws -> Void
    ) async throws {
        let reader = try await PIVReader(name)
        defer { reader.finish() }
        try await reader.insert(demo: demo, faults: faults)
        try reader.write("message.txt", SignedMessage.text)
        try await body(reader)
    }

    /// Puts a PIV card made from a demo persona into the first reader, with a `faults` object if
    /// given, and waits until pcscd has seen it.
    func insert(demo name: String = "several-roles", faults: [String: Any]? = nil) async throws {
        var persona = Package.persona(name)
        if let faults {
            var object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(filePath: persona))) as? [String: Any]
            object?["faults"] = faults
            persona = workspace.file("\(name)-faulty.json")
            try JSONSerialization.data(withJSONObject: object ?? [:]).write(to: URL(filePath: persona))
        }
        insertions += 1
        card = try Spawned(
            Package.program("cmc-vcard"), ["insert", "--piv", persona, "--port", String(Self.readerPort)],
            holdStdinOpen: true, logPrefix: workspace.file("cmc-vcard-\(insertions)"))
        guard await pcscd.waitForLine(containing: #"card-inserted "\#(pcscd.firstReaderName)""#, occurrence: insertions) else {
            throw LifecycleError.failed("pcscd did not see the card: \(pcscd.lines)\n\(card?.stderrText ?? "")")
        }
    }

    /// Pulls the card out (its standard input closes) and waits until pcscd has seen the reader empty.
    func remove() async throws {
        card?.closeStdin()
        card = nil
        removals += 1
        guard await pcscd.waitForLine(containing: #"card-removed "\#(pcscd.firstReaderName)""#, occurrence: removals) else {
            throw LifecycleError.failed("pcscd did not see the card go: \(pcscd.lines)")
        }
    }

    /// What the card process has said on its standard error.
    var cardLog: String { card?.stderrText ?? "" }

    /// Runs `program` in the namespace with HOME in the workspace (no OpenSC cache of the
    /// machine's), and `environment` besides.
    func run(_ program: String, _ arguments: [String], environment: [String] = []) throws -> ToolRun {
        let command = pcscd.namespaced(["/usr/bin/env", "HOME=\(workspace.path)"] + environment + [program] + arguments)
        let result = try Spawned.run(command[0], Array(command.dropFirst()), logPrefix: workspace.file("run-\(UUID().uuidString.prefix(6))"))
        return ToolRun(command: ([program] + arguments).joined(separator: " "), status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    /// `pkcs11-tool` with OpenSC's PKCS#11 module.
    func pkcs11Tool(_ arguments: [String], environment: [String] = []) throws -> ToolRun {
        try run("pkcs11-tool", ["--module", Self.module] + arguments, environment: environment)
    }

    /// Signs `input` (a file in the workspace) with `mechanism`, logging in with `pin` if given;
    /// the signature goes to `output`.
    func sign(_ input: String, mechanism: String, pin: String?, output: String = "signature.bin",
              environment: [String] = []) throws -> ToolRun {
        let login = pin.map { ["--login", "--pin", $0] } ?? []
        return try pkcs11Tool(login + [
            "--sign", "--mechanism", mechanism, "--input-file", workspace.file(input), "--output-file", workspace.file(output),
        ], environment: environment)
    }

    func finish() {
        card?.stop()
        pcscd.shutDown()
        try? FileManager.default.removeItem(atPath: workspace.path)
    }
}

/// A tool run to its end: what it printed and its exit status.
struct ToolRun: CustomStringConvertible {
    let command: String
    let status: Int32
    let stdout: String
    let stderr: String

    var description: String { "$ \(command)\n\(stdout)\(stderr)exit \(status)" }

    /// Those of `texts` that its standard output does not contain.
    func missing(_ texts: [String]) -> [String] { texts.filter { !stdout.contains($0) } }
}
