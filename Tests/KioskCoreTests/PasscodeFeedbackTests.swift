import KioskCore
import Testing

/// What the passcode field shows as keys are pressed (`[passcode] echo`), and "Num Lock is off".
@Suite("Passcode feedback")
struct PasscodeFeedbackTests {
    static func entering(echo: PasscodeEcho) -> Kiosk {
        var state = Fixture.state()
        state.passcodeEcho = echo
        var kiosk = Kiosk(state)
        kiosk.send(Steps.read())
        return kiosk
    }

    @Test("the indicator moves to another place on every key press and every erasure")
    func indicatorMoves() throws {
        var kiosk = Self.entering(echo: .indicator)
        #expect(kiosk.passcodeEntry?.feedback.indicatorPlace == nil, "blank until the first key")
        var places: [Int] = []
        let inputs: [KioskInput] = "72946185".map { .character($0) } + [.backspace, .backspace, .backspace, .character("3")]
        for input in inputs {
            kiosk.press(input)
            places.append(try #require(kiosk.passcodeEntry?.feedback.indicatorPlace))
        }
        for (before, after) in zip(places, places.dropFirst()) { #expect(before != after) }
        #expect(places.allSatisfy { (0..<PasscodeFeedback.indicatorPlaces).contains($0) })
        #expect(kiosk.passcodeEntry?.feedback.dotCount == 0, "an indicator counts nothing")
    }

    @Test("where the indicator stands does not tell the length: the path differs from one card read to the next")
    func indicatorPathDependsOnTheSeed() {
        func path(seed: UInt64) -> [Int?] {
            var feedback = PasscodeFeedback(echo: .indicator, seed: seed)
            return (0..<8).map { _ in
                feedback.typed()
                return feedback.indicatorPlace
            }
        }
        let paths = Set((0..<20).map { path(seed: UInt64($0) &* 1_000_000_007) }.map { $0.description })
        #expect(paths.count > 10)
        let sixthPlaces = Set((0..<50).map { path(seed: UInt64($0) &* 7_919)[5] })
        #expect(sixthPlaces.count == PasscodeFeedback.indicatorPlaces, "after six keys the indicator may be anywhere")
    }

    @Test("dots count the characters typed, down on erasure, up to the longest passcode")
    func dots() {
        var kiosk = Self.entering(echo: .dots)
        kiosk.press(.character("1"), .character("2"), .character("3"))
        #expect(kiosk.passcodeEntry?.feedback.dotCount == 3)
        kiosk.press(.backspace)
        #expect(kiosk.passcodeEntry?.feedback.dotCount == 2)
        kiosk.press(.backspace, .backspace, .backspace)
        #expect(kiosk.passcodeEntry?.feedback.dotCount == 0)
        for _ in 0..<12 { kiosk.press(.character("9")) }
        #expect(kiosk.passcodeEntry?.feedback.dotCount == PasscodeFeedback.longestPasscode)
        #expect(kiosk.passcodeEntry?.feedback.indicatorPlace == nil)
    }

    @Test("none shows nothing, however many keys")
    func none() {
        var kiosk = Self.entering(echo: .none)
        kiosk.press(.character("1"), .character("2"), .backspace)
        #expect(kiosk.passcodeEntry?.feedback.echo == PasscodeEcho.none)
        #expect(kiosk.passcodeEntry?.feedback.indicatorPlace == nil)
        #expect(kiosk.passcodeEntry?.feedback.dotCount == 0)
    }

    @Test("a wrong passcode opens a fresh field")
    func wrongPasscodeStartsAfresh() {
        var state = Fixture.state()
        state.passcodeEcho = .dots
        var kiosk = Kiosk(state)
        kiosk.send(Steps.submitted)
        kiosk.send(.passcodeChecked(attempt: Steps.attempt, .wrong(triesLeft: 2)))
        #expect(kiosk.passcodeEntry?.feedback.dotCount == 0)
    }

    @Test(
        "keys the keypad sends with Num Lock off say so, and a character takes it back",
        arguments: [KioskInput.up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .insert, .delete])
    func numLockOff(_ key: KioskInput) {
        var kiosk = Self.entering(echo: .indicator)
        #expect(kiosk.press(key).isEmpty, "nothing is typed")
        #expect(kiosk.passcodeEntry?.numLockOff == true)
        kiosk.press(.character("4"))
        #expect(kiosk.passcodeEntry?.numLockOff == false)
    }
}
