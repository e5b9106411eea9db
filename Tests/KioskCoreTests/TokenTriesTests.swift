import KioskCore
import Testing

/// Cards that do not count their tries (PKCS#11 tokens tell only the final try and the lock),
/// and cards outside `[card] atr_allowlist`.
@Suite("Tries not told, and cards not allowed")
struct TokenTriesTests {
    static let unknown = CardSummary(uid: Fixture.card.uid, triesLeft: nil)

    @Test("tries not told: the passcode screen shows no count")
    func noCount() {
        var kiosk = Kiosk()
        kiosk.send(Steps.read(Self.unknown))

        #expect(kiosk.passcodeEntry?.triesLeft == nil)
        #expect(kiosk.passcodeEntry?.showsTriesLeft == false)
    }

    @Test("a wrong passcode with the tries not told warns without a number")
    func wrongWithoutCount() throws {
        var kiosk = Kiosk()
        kiosk.send(Steps.read(Self.unknown) + [.input(.submit)])

        let effects = kiosk.send(.passcodeChecked(attempt: 1, .wrong(triesLeft: nil)))

        let entry = try #require(kiosk.passcodeEntry)
        #expect(entry.showsTriesLeft == false)
        #expect(entry.problem == Notice(.error, "That passcode is not right", ["Too many wrong tries lock your card."]))
        #expect(effects == [.audit(.passcodeRejected(uid: Fixture.card.uid, triesLeft: nil))])
    }

    @Test("the final try told by the token shows as the last try")
    func finalTry() {
        var kiosk = Kiosk()
        kiosk.send(Steps.read(Self.unknown) + [.input(.submit), .passcodeChecked(attempt: 1, .wrong(triesLeft: 1))])

        #expect(kiosk.passcodeEntry?.triesLeft == 1)
        #expect(kiosk.passcodeEntry?.showsTriesLeft == true)
    }

    /// A kiosk that takes only cards with the ATR `3B 01`, its reader known.
    static func allowingOneATR() -> Kiosk {
        var state = Fixture.state()
        state.atrAllowlist = [[0x3B, 0x01]]
        var kiosk = Kiosk(state)
        kiosk.send(.readerAdded(Fixture.reader))
        return kiosk
    }

    @Test("a card outside the ATR allowlist is refused, and nothing is sent to it")
    func notAllowed() {
        var kiosk = Self.allowingOneATR()

        let effects = kiosk.send(.cardInserted(reader: Fixture.reader, atr: [0x3B, 0x02]))

        #expect(!effects.contains { if case .readCard = $0 { true } else { false } })
        #expect(kiosk.phase == .removeCard(KioskFailure.cardNotAllowed.notice(helpdesk: Helpdesk())))
        #expect(kiosk.state.cardReader == Fixture.reader)
    }

    @Test("a card in the ATR allowlist is read")
    func allowed() {
        var kiosk = Self.allowingOneATR()

        let effects = kiosk.send(.cardInserted(reader: Fixture.reader, atr: [0x3B, 0x01]))

        #expect(effects.contains(.readCard(reader: Fixture.reader, attempt: 1)))
    }
}
