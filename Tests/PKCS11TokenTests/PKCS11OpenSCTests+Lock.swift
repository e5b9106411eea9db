import Foundation
import KioskProcessTestSupport
import Testing

/// What the kiosk's OpenSC settings (`Middleware/opensc.conf`, which cmc-kiosk hands to OpenSC
/// through `OPENSC_CONF`) change: while a token is logged in, no other program can reach the card.
extension PKCS11OpenSCTests {
    static let kioskSettings = "OPENSC_CONF=" + Package.root.appending(path: "Middleware/opensc.conf").path

    @Test("with the kiosk's OpenSC settings, another client waits while the passcode is verified, then finds the card reset")
    func heldWhileVerified() async throws {
        try await TokenReader.withCard("several-roles") { reader in
            let (whileHeld, afterClose) = try await Self.secondClient(on: reader, environment: [Self.kioskSettings])
            #expect(whileHeld == nil, "the second client got no answer while the token was logged in")
            #expect(afterClose == "6982", "the card was reset before the second client reached it")
        }
    }

    @Test("the control: with OpenSC's default settings, another client signs without the passcode while the token is logged in")
    func openWhileVerifiedByDefault() async throws {
        try await TokenReader.withCard("several-roles") { reader in
            let (whileHeld, _) = try await Self.secondClient(on: reader, environment: [])
            #expect(whileHeld == "9000", "OpenSC's defaults leave a verified card open to every program")
        }
    }

    /// Logs a token in (held open by the probe), has a second program ask the card for a signature
    /// without the passcode, and then closes the token. The second program's status word as it
    /// stood 1.5 s into the hold (nil: still waiting), and once the token was closed.
    private static func secondClient(
        on reader: TokenReader, environment: [String]
    ) async throws -> (whileHeld: String?, afterClose: String?) {
        let holder = try reader.startProbe(["certificate", "verify:123456", "hold", "close"], environment: environment)
        defer { holder.stop() }
        try await Self.waitUntil { holder.stdoutText.contains("holding") }
        try #require(holder.stdoutText.contains("verify verified"), "\(holder.stdoutText)")

        let second = try reader.start(RawPIV.command(digestInfo: Self.digestInfo))
        defer { second.stop() }
        try await Task.sleep(for: .milliseconds(1_500))
        let whileHeld = second.isRunning ? nil : RawPIV.statusWord(in: second.stdoutText)

        holder.closeStdin()
        try await Self.waitUntil { !second.isRunning }
        #expect(holder.stdoutText.hasSuffix("held\nclosed\n"), "\(holder.stdoutText)")
        return (whileHeld, RawPIV.statusWord(in: second.stdoutText))
    }

    private static func waitUntil(seconds: Double = 15, _ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            guard Date() < deadline else { throw LifecycleError.failed("timed out") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
