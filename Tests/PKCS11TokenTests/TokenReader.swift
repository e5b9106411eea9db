import Foundation
import KioskProcessTestSupport
import PCSCTestSupport
import Testing

/// The suite's reader for the pkcs11 backend: a private pcscd (vpcd 35993/35994, readers named
/// `Token PCD`); each test puts a `cmc-vcard insert --piv` card in its first reader, drives the
/// backend with `pkcs11-token-probe` through OpenSC's module in the pcscd's namespace, and takes
/// the card out after.
final class TokenReader: @unchecked Sendable {
    static let readerName = "Token PCD"
    static let readerPort: UInt16 = 35993
    static let modulePath = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"

    @TaskLocal static var current: TokenReader?

    let pcscd: PrivatePCSCD
    let workspace: Workspace
    private var insertions = 0

    var firstReader: String { pcscd.firstReaderName }

    private init() async throws {
        workspace = try Workspace("pkcs11-token")
        pcscd = try await PrivatePCSCD.started(friendlyName: Self.readerName, readerPort: Self.readerPort)
    }

    /// Runs `body` with a PIV card made from the demo persona `demo` in the first reader.
    static func withCard(_ demo: String, _ body: (TokenReader) async throws -> Void) async throws {
        let reader = try #require(current, "the suite has no reader (the .tokenReader trait)")
        try await reader.withCard(demo) { try await body(reader) }
    }

    private func withCard(_ demo: String, _ body: () async throws -> Void) async throws {
        insertions += 1
        let card = try Spawned(
            Package.program("cmc-vcard"), ["insert", "--piv", Package.persona(demo), "--port", String(Self.readerPort)],
            holdStdinOpen: true, logPrefix: workspace.file("cmc-vcard-\(insertions)"))
        defer { card.stop() }
        guard await pcscd.waitForLine(containing: #"card-inserted "\#(firstReader)""#, occurrence: insertions) else {
            throw LifecycleError.failed("pcscd did not see the card: \(pcscd.lines)\n\(card.stderrText)")
        }
        try await body()
        card.closeStdin()
        _ = await pcscd.waitForLine(containing: #"card-removed "\#(firstReader)""#, occurrence: insertions)
    }

    /// The lines `pkcs11-token-probe` prints for `steps` on the token in `reader` (the first
    /// reader unless told).
    func probe(_ steps: [String], reader: String? = nil) throws -> [String] {
        try run([Package.program("pkcs11-token-probe"), Self.modulePath, reader ?? firstReader] + steps)
            .split(separator: "\n").map(String.init)
    }

    /// What a program run in the namespace prints, with HOME in the workspace (no OpenSC cache
    /// of the machine's).
    func run(_ command: [String]) throws -> String {
        let namespaced = pcscd.namespaced(["/usr/bin/env", "HOME=\(workspace.path)"] + command)
        return try Spawned.run(namespaced[0], Array(namespaced.dropFirst()), logPrefix: workspace.file("run")).stdout
    }

    /// `pkcs11-token-probe` on the first reader, left running with its standard input open (for
    /// its `hold` step), with `environment` settings such as `OPENSC_CONF=…`.
    func startProbe(_ steps: [String], environment: [String] = []) throws -> Spawned {
        try start([Package.program("pkcs11-token-probe"), Self.modulePath, firstReader] + steps, environment: environment)
    }

    /// A program started in the namespace, HOME in the workspace, and left running.
    func start(_ command: [String], environment: [String] = []) throws -> Spawned {
        let namespaced = pcscd.namespaced(["/usr/bin/env", "HOME=\(workspace.path)"] + environment + command)
        return try Spawned(namespaced[0], Array(namespaced.dropFirst()), holdStdinOpen: true,
                           logPrefix: workspace.file("\(command[0].split(separator: "/").last ?? "program")-\(UUID().uuidString.prefix(8))"))
    }

    /// Starts the reader for a suite, and ends pcscd after it.
    struct Scope: SuiteTrait, TestScoping {
        func provideScope(
            for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
        ) async throws {
            let reader = try await TokenReader()
            defer {
                reader.pcscd.shutDown()
                try? FileManager.default.removeItem(atPath: reader.workspace.path)
            }
            try await $current.withValue(reader) { try await function() }
        }
    }
}

extension Trait where Self == TokenReader.Scope {
    /// One private pcscd for the whole suite.
    static var tokenReader: Self { Self() }
}
