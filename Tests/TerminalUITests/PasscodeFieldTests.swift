import KioskCore
import Testing
@testable import TerminalUI

/// The passcode field as `[passcode] echo` draws it, and when the bell sounds.
@Suite struct PasscodeFieldTests {
    @Test func noneStaysBlank() {
        var feedback = PasscodeFeedback(echo: .none, seed: 1)
        for _ in 0..<5 { feedback.typed() }
        #expect(PasscodeScreen.field(feedback) == String(repeating: " ", count: PasscodeScreen.fieldWidth))
    }

    @Test func theIndicatorIsOneMarkThatMovesAndTheFieldKeepsItsWidth() {
        var feedback = PasscodeFeedback(echo: .indicator, seed: 42)
        #expect(PasscodeScreen.field(feedback).allSatisfy { $0 == " " }, "blank before the first key")
        var fields: [String] = []
        for _ in 0..<8 {
            feedback.typed()
            fields.append(PasscodeScreen.field(feedback))
        }
        feedback.erased()
        fields.append(PasscodeScreen.field(feedback))
        for field in fields {
            #expect(field.count == PasscodeScreen.fieldWidth)
            #expect(field.filter { $0 == "<" }.count == 1 && field.filter { $0 == ">" }.count == 1)
            #expect(field.contains("<>"))
        }
        for (before, after) in zip(fields, fields.dropFirst()) { #expect(before != after, "every key changes the field") }
    }

    @Test func dotsShowOneStarPerCharacter() {
        var feedback = PasscodeFeedback(echo: .dots, seed: 0)
        for _ in 0..<6 { feedback.typed() }
        #expect(PasscodeScreen.field(feedback) == "******      ")
        feedback.erased()
        #expect(PasscodeScreen.field(feedback) == "*****       ")
    }

    static func state(_ phase: KioskPhase) -> KioskState {
        var state = KioskState(environment: .test, now: ComposerTests.now)
        state.phase = phase
        return state
    }

    @Test(arguments: [
        (KioskPhase.readingCard, KioskPhase.passcodeEntry(PasscodeEntry(triesLeft: 3)), true),
        (.verifyingPasscode, .passcodeEntry(PasscodeEntry(triesLeft: 2, problem: Notice(.error, "That passcode is not right"))), true),
        (.passcodeEntry(PasscodeEntry(triesLeft: 3)), .removeCard(Notice(.error, "Your smartcard is locked")), true),
        (.removeCard(Notice(.information, "You have logged out")), .locked, true),
        (.signedIn(SignedIn(session: ComposerTests.session(), now: ComposerTests.now)), .locked, true),
        (.locked, .cardServiceUnavailable, true),
        (.locked, .readingCard, false),
        (.passcodeEntry(PasscodeEntry(triesLeft: 3)), .verifyingPasscode, false),
        (.authenticating, .choosingRole(RoleChoice(roles: [ComposerTests.role])), false),
        (.endingSession(.userLogout), .removeCard(Notice(.information, "You have logged out")), false),
        (.locked, .locked, false),
    ])
    func theBellSoundsOnACardReadAnErrorAndTheLock(from: KioskPhase, to: KioskPhase, rings: Bool) {
        #expect(Bell.rings(from: Self.state(from), to: Self.state(to)) == rings)
    }

    @Test func typingDoesNotRingTheBell() {
        var entry = PasscodeEntry(triesLeft: 3, feedback: PasscodeFeedback(echo: .indicator, seed: 3))
        let before = Self.state(.passcodeEntry(entry))
        entry.feedback.typed()
        #expect(!Bell.rings(from: before, to: Self.state(.passcodeEntry(entry))))
        #expect(!Bell.rings(from: nil, to: before), "nothing at start-up")
    }
}
