import Foundation
import Testing

extension PIVConformanceTests {
    /// What outlives OpenSC's C_Logout, which does nothing to a PIV card in 0.23, and what a reset
    /// or a re-insertion takes away.
    @Suite("Verification, logout and reset")
    struct Reset {
        /// Logs in and signs with pkcs11-tool, which ends with C_Logout and C_Finalize.
        private func signWithLogin(_ reader: PIVReader, environment: [String] = []) throws {
            let sign = try reader.sign("message.txt", mechanism: "SHA256-RSA-PKCS", pin: "123456", environment: environment)
            #expect(sign.status == 0, "\(sign)")
        }

        @Test("after C_Logout the card stays verified until it is reset; pkcs11-tool always wants the PIN")
        func logoutLeavesTheCardVerifiedUntilAReset() async throws {
            try await PIVReader.withCard("logout") { reader in
                try signWithLogin(reader)
                // pkcs11-tool logs in by itself before --sign on a token that needs a login and
                // asks for the PIN; given none (and it refuses an empty one) it stops there.
                let noLogin = try reader.sign("message.txt", mechanism: "SHA256-RSA-PKCS", pin: nil, output: "again.bin")
                #expect(noLogin.status == 1 && noLogin.stdout.contains("Please enter User PIN"), "\(noLogin)")
                #expect(noLogin.stderr.contains("util_getpass error"), "\(noLogin)")

                // Another process, with no PIN at all, finds the card verified and has it sign.
                #expect(try reader.pinState() == "9000", "C_Logout left the PIN verified")
                let unverified = try reader.send(SignedMessage.generalAuthenticate)
                #expect(unverified.statuses == ["9000", "9000"])
                let answer = try #require(unverified.answers.last?.data)
                #expect(answer.prefix(8) == [0x7C, 0x82, 0x01, 0x04, 0x82, 0x82, 0x01, 0x00])
                #expect(Data(answer.dropFirst(8)) == (try reader.read("signature.bin")), "the signature made with the PIN")

                let reset = try reader.run("opensc-tool", ["--reset", "warm"])
                #expect(reset.status == 0, "\(reset)")
                #expect(try reader.pinState() == "63C3", "the reset forgot the verification")
                #expect(try reader.send(SignedMessage.generalAuthenticate).statuses == ["9000", "6982"])
                let stillNoLogin = try reader.sign("message.txt", mechanism: "SHA256-RSA-PKCS", pin: nil, output: "again.bin")
                #expect(stillNoLogin.status == 1, "\(stillNoLogin)")
                try signWithLogin(reader)
            }
        }

        @Test("taking the card out and putting it back forgets the verification")
        func reinsertionForgets() async throws {
            try await PIVReader.withCard("reinsert") { reader in
                try signWithLogin(reader)
                #expect(try reader.pinState() == "9000")
                try await reader.remove()
                try await reader.insert()
                #expect(try reader.pinState() == "63C3")
                #expect(try reader.send(SignedMessage.generalAuthenticate).statuses == ["9000", "6982"])
            }
        }

        @Test("OpenSC's disconnect_action = reset leaves no verified card behind")
        func disconnectActionReset() async throws {
            try await PIVReader.withCard("disconnect-reset") { reader in
                let configuration = try reader.workspace.write("opensc.conf", """
                    app default {
                        reader_driver pcsc {
                            disconnect_action = reset;
                        }
                    }

                    """)
                try signWithLogin(reader, environment: ["OPENSC_CONF=\(configuration)"])
                #expect(try reader.pinState() == "63C3")
            }
        }

        @Test("delay_ms: the card waits before signing and says so")
        func delayedSigning() async throws {
            try await PIVReader.withCard("delay", faults: ["delay_ms": ["sign": 1_500]]) { reader in
                let start = ContinuousClock.now
                try signWithLogin(reader)
                #expect(ContinuousClock.now - start >= .milliseconds(1_500))
                #expect(reader.cardLog.contains("cmc-vcard: delaying sign by 1500 ms"), "\(reader.cardLog)")
                #expect(try reader.opensslVerifies("message.txt", signature: "signature.bin"))
            }
        }
    }
}
