import KioskCore
import Testing

@Suite("Logging out")
struct LogoutTests {
    static let endings: [(String, KioskEvent)] = [
        ("F10", .input(.logout)),
        ("session command exited", .sessionCommandExited(attempt: 1)),
    ]

    @Test("ends the session with user_logout, then \"You have logged out\"", arguments: endings)
    func logout(_ name: String, _ event: KioskEvent) {
        var kiosk = Kiosk()
        kiosk.send(Steps.signedIn())

        let effects = kiosk.send(event)

        #expect(kiosk.phase == .endingSession(.userLogout))
        #expect(
            effects == [
                Fixture.teardown(.userLogout, attempt: 1, then: [.reportFinished]),
                .audit(.sessionEnded(uid: Fixture.card.uid, reason: "user_logout")),
            ]
        )
        #expect(kiosk.send(.teardownFinished(attempt: 1)).isEmpty)
        #expect(kiosk.notice == Notice(.information, "You have logged out"))
    }

    @Test("F10 does nothing before sign-in", arguments: Scenario.withCard.filter { $0.phase != .signedIn })
    func logoutKeyElsewhere(_ scenario: Scenario) {
        let before = scenario.run()
        var kiosk = before

        let effects = kiosk.press(.logout)

        #expect(effects.isEmpty)
        #expect(kiosk.state == before.state)
    }

    @Test("while ending, the keys and the timers do nothing")
    func whileEnding() {
        var kiosk = Kiosk()
        kiosk.send(Steps.signedIn() + [.input(.logout)])

        #expect(kiosk.press(.logout, .staySignedIn, .character("a")).isEmpty)
        #expect(kiosk.advance(to: 1000).isEmpty)
        #expect(kiosk.phase == .endingSession(.userLogout))
    }
}
