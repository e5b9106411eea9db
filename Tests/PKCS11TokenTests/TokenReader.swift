import Foundation
import KioskProcessTestSupport
import PCSCTestSupport
import PKCS11Token
import Testing

/// The suite's reader for the pkcs11 backend: a private pcscd (vpcd 35993/35994, readers named
/// `Token PCD`) and OpenSC's module loaded once in this process, as the kiosk loads it, reaching
/// that pcscd through `PCSCLITE_CSOCK_NAME`. Each test puts a `cmc-vcard insert --piv` card in
/// the first reader and takes it out after.
final class TokenReader: @unchecked Sendable {
    static let readerName = "Token PCD"
    static let readerPort: UInt16 = 35993
    static let modulePath = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"

    @TaskLocal static var current: TokenReader?

    let pcscd: PrivatePCSCD
    let workspace: Workspace
    let module: PKCS11Module
    private var insertions = 0

    var firstReader: String { pcscd.firstReaderName }

    private init() async throws {
        workspace = try Workspace("pkcs11-token")
        pcscd = try PrivatePCSCD(friendlyName: Self.readerName, readerPort: Self.readerPort)
        do {
            try pcscd.configureVirtualReader()
            try pcscd.startDaemon()
            guard await pcscd.waitForLine(containing: #"reader-added "\#(pcscd.firstReaderName)""#) else {
                throw LifecycleError.failed("the private pcscd showed no reader: \(pcscd.lines)")
            }
            setenv("PCSCLITE_CSOCK_NAME", pcscd.socketPath, 1)
            module = try PKCS11Module(path: Self.modulePath)
        } catch {
            pcscd.shutDown()
            throw error
        }
    }

    /// Runs `body` with a PIV card made from the demo persona `demo` in the first reader.
    static func withCard(_ demo: String, _ body: (TokenReader, PKCS11Module) async throws -> Void) async throws {
        let reader = try #require(current, "the suite has no reader (the .tokenReader trait)")
        try await reader.withCard(demo) { try await body(reader, reader.module) }
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

    /// Starts the reader for a suite, and ends the module, pcscd and the cards after it.
    struct Scope: SuiteTrait, TestScoping {
        func provideScope(
            for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
        ) async throws {
            let reader = try await TokenReader()
            defer {
                reader.module.finalize()
                reader.pcscd.shutDown()
                try? FileManager.default.removeItem(atPath: reader.workspace.path)
            }
            try await $current.withValue(reader) { try await function() }
        }
    }
}

extension Trait where Self == TokenReader.Scope {
    /// One private pcscd and one OpenSC module for the whole suite.
    static var tokenReader: Self { Self() }
}
