import Testing

extension PIVConformanceTests {
    /// The PIN's tries as PKCS#11 reports them: CKR_PIN_INCORRECT, the final-try flag, a lock.
    @Suite("PIN tries through OpenSC")
    struct PIN {
        static let unflagged = "login required, rng, token initialized, PIN initialized"

        @Test("wrong PINs: CKR_PIN_INCORRECT, then 'final user PIN try', then CKR_PIN_LOCKED")
        func wrongPINsCountDown() async throws {
            try await PIVReader.withCard("wrong-pin") { reader in
                for flags in [Self.unflagged, "login required, rng, token initialized, final user PIN try, PIN initialized",
                              "login required, rng, token initialized, PIN initialized, user PIN locked"] {
                    let wrong = try reader.sign("message.txt", mechanism: "SHA256-RSA-PKCS", pin: "654321")
                    #expect(wrong.status == 1 && wrong.stderr.contains("C_Login failed: rv = CKR_PIN_INCORRECT (0xa0)"), "\(wrong)")
                    #expect(try reader.tokenFlags() == flags)
                }
                let right = try reader.sign("message.txt", mechanism: "SHA256-RSA-PKCS", pin: "123456")
                #expect(right.status == 1 && right.stderr.contains("C_Login failed: rv = CKR_PIN_LOCKED (0xa4)"), "\(right)")
            }
        }

        @Test("on the last try the right PIN signs and restores the tries")
        func rightPINRestoresTheTries() async throws {
            try await PIVReader.withCard("restore-pin", demo: "last-try") { reader in
                #expect(try reader.tokenFlags().contains("final user PIN try"), "the persona has one try left")
                let sign = try reader.sign("message.txt", mechanism: "SHA256-RSA-PKCS", pin: "123456")
                #expect(sign.status == 0, "\(sign)")
                #expect(try reader.tokenFlags() == Self.unflagged)
            }
        }

        @Test("a blocked card: 'user PIN locked' and CKR_PIN_LOCKED for the right PIN")
        func blockedCard() async throws {
            try await PIVReader.withCard("blocked", demo: "blocked") { reader in
                #expect(try reader.tokenFlags().hasSuffix("user PIN locked"))
                let sign = try reader.sign("message.txt", mechanism: "SHA256-RSA-PKCS", pin: "123456")
                #expect(sign.status == 1 && sign.stderr.contains("CKR_PIN_LOCKED"), "\(sign)")
            }
        }
    }
}
