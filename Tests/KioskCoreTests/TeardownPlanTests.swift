import KioskCore
import Testing

/// Every teardown is one plan written by the reducer; the shell adds nothing to it.
@Suite("Teardown plans")
struct TeardownPlanTests {
    @Test("a removal's plan: requests, secrets, the session command, the logouts, the card", arguments: Scenario.withCard)
    func removalOrder(_ scenario: Scenario) throws {
        var kiosk = scenario.run()

        let effects = kiosk.send(.cardRemoved(reader: Fixture.reader))

        #expect(effects.teardownSteps == [
            .cancelRequests, .wipeSecrets, .stopSessionCommand, .logOut(.cardRemoved), .disconnectCard,
        ])
    }

    @Test("only a session ended on purpose waits to hear that the logouts are done", arguments: Scenario.withCard)
    func onlyEndingsReport(_ scenario: Scenario) {
        var kiosk = scenario.run()
        let removal = kiosk.send(.cardRemoved(reader: Fixture.reader))
        #expect(!removal.teardownSteps.contains(.reportFinished), "a removal locks at once: nothing waits")

        var signedIn = Kiosk()
        signedIn.send(Steps.signedIn())
        #expect(signedIn.send(.input(.logout)).teardownSteps.last == .reportFinished)
    }

    @Test("a Spine failure while authenticating logs out whatever the validation may have earned")
    func authenticatingLogsOut() {
        var kiosk = Kiosk()
        kiosk.send(Steps.verified)

        let effects = kiosk.send(.spineAuthenticated(attempt: 1, .failure(.spineUnreachable(detail: "timed out"))))

        #expect(effects.last == Fixture.teardown(.userLogout, attempt: 1))
    }

    @Test("giving up at the passcode has nothing to log out: the challenge fetched ahead, secrets and the card only")
    func giveUpAtPasscode() {
        var kiosk = Kiosk()
        kiosk.send(Steps.typed)

        let effects = kiosk.send(.input(.giveUp))

        #expect(effects == [.tearDown(Teardown(attempt: 1, steps: [.cancelRequests, .wipeSecrets, .disconnectCard]))])
    }

    @Test("the authentication asks for the card's own user")
    func authenticatesCardUser() {
        var kiosk = Kiosk()
        kiosk.send(Steps.submitted)

        let effects = kiosk.send(.passcodeChecked(attempt: 1, .verified))

        #expect(effects.last == .authenticateWithSpine(uid: Fixture.card.uid, attempt: 1))
    }
}
