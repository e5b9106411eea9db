import Foundation
import KioskProcessTestSupport
import Testing

/// The card is verified only while the token signs: a passcode checked leaves it reset at once,
/// and the kiosk's OpenSC settings (`Middleware/opensc.conf`) reset it whenever OpenSC lets go.
extension PKCS11OpenSCTests {
    static let kioskSettings = "OPENSC_CONF=" + Package.root.appending(path: "Middleware/opensc.conf").path

    @Test("once the passcode is checked the card is reset at once: another client, while the token is open, cannot sign")
    func resetOnceThePasscodeIsChecked() async throws {
        try await TokenReader.withCard("several-roles") { reader in
            let holder = try reader.startProbe(["certificate", "verify:123456", "hold", "close"], environment: [Self.kioskSettings])
            defer { holder.stop() }
            try #require(Poll.until(seconds: 15) { holder.stdoutText.contains("holding") }, "\(holder.stdoutText)")
            #expect(holder.stdoutText.contains("verify verified"), "\(holder.stdoutText)")
            #expect(try RawPIV.generalAuthenticate(in: reader, digestInfo: Self.digestInfo) == "6982")
            holder.closeStdin()
            #expect(holder.stdoutText.hasSuffix("held\nclosed\n"), "\(holder.stdoutText)")
        }
    }

    @Test("the control: OpenSC's own pkcs11-tool leaves the card verified for every program, unless the kiosk's settings reset it")
    func openSCLeavesTheCardVerifiedWithoutTheKiosksSettings() async throws {
        for (settings, expected) in [([String](), "9000"), ([Self.kioskSettings], "6982")] {
            try await TokenReader.withCard("several-roles") { reader in
                let message = reader.workspace.file("message")
                try Data(Self.message).write(to: URL(filePath: message))
                let signed = try reader.run(["/usr/bin/env"] + settings + [
                    "pkcs11-tool", "--module", TokenReader.modulePath, "--login", "--pin", "123456", "--sign",
                    "--mechanism", "SHA256-RSA-PKCS", "--input-file", message, "--output-file", message + ".sig",
                ])
                #expect(FileManager.default.fileExists(atPath: message + ".sig"), "pkcs11-tool signed: \(signed)")
                #expect(try RawPIV.generalAuthenticate(in: reader, digestInfo: Self.digestInfo) == expected,
                        "with \(settings.isEmpty ? "OpenSC's defaults" : "the kiosk's settings")")
            }
        }
    }
}
