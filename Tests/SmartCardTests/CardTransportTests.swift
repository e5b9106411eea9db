import Secrets
import SmartCard
import Testing

/// How a transport completes commands (`61xx`, `6Cxx`), with the answers of misbehaving cards
/// that `scripts/fuzz` found.
@Suite struct CardTransportTests {
    @Test(.timeLimit(.minutes(1))) func aCardAnswering61xxWithoutDataForeverGetsAnAnswer() throws {
        let card = ReplayedCard(fuzzInput: [0x02, 0x61, 0x00])
        let response = try card.send(CommandAPDU(ins: 0xCA, p1: 0x00, p2: 0x00, le: 256))
        #expect(response.status == StatusWord(0x6100))
        #expect(response.data.isEmpty)
        #expect(card.exchanges == 257, "the command and 256 GET RESPONSEs")
    }

    /// fuzz-apdu timeout-456905fd: after a 79-byte answer and three empty ones the card answers `616C` with no data
    /// to every command; collecting the signature sent GET RESPONSE for ever.
    @Test(.timeLimit(.minutes(1))) func fuzzedCardStuckOn61xxEndsTheProfileInErrors() {
        let card = ReplayedCard(fuzzInput: stuckOn616C)
        let profile = AuthenticationCard(transport: card)
        #expect(throws: CardProfileError.unexpectedStatus(StatusWord(0x0000), step: .selectApplication)) {
            try profile.selectApplication()
        }
        #expect(throws: CardProfileError.card(.malformedResponse)) { try profile.readCertificate() }
        #expect(throws: CardProfileError.card(.malformedResponse)) { try profile.passcodeStatus() }
        let passcode = SecretBuffer(capacity: 8)
        "123456".utf8.forEach(passcode.append)
        #expect(throws: CardProfileError.card(.malformedResponse)) { try profile.verify(passcode: passcode) }
        #expect(throws: CardProfileError.unexpectedStatus(StatusWord(0x616C), step: .sign)) {
            try profile.sign(digestInfo: [0x30, 0x00])
        }
    }

    /// The input as saved (also in Fuzz/Corpus/fuzz-apdu/regression-61xx-forever-without-data.bin).
    private let stuckOn616C: [UInt8] = [
        0x4F, 0x74, 0x69, 0x6F, 0x6E, 0x9D, 0x9D, 0x9D, 0x9D, 0x9D, 0x9D, 0x9D, 0x9D, 0x9D, 0x9D, 0x9D, 0x9D,
        0x9D, 0x9D, 0x9D, 0x9D, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x9D, 0x9D, 0x9D, 0x9D, 0x9D, 0x9D, 0x9D, 0x9D, 0x9D, 0x3B, 0x9D,
        0x9D, 0x9D, 0x9D, 0x9D, 0x9D, 0x9D, 0x9D, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x9D, 0x61,
        0x6C,
    ]
}
