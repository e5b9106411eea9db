import CNcursesw
import KioskCore
import Testing
@testable import TerminalUI

/// The keypad's digits, whatever Num Lock says, where the terminal sends something of its own.
@Suite struct KeypadTests {
    @Test(arguments: [
        (KEY_A1, Character("7")), (KEY_A3, "9"), (KEY_B2, "5"), (KEY_C1, "1"), (KEY_C3, "3"),
    ] as [(Int32, Character)])
    func theKeypadKeysTerminfoNamesAreDigits(code: Int32, digit: Character) {
        #expect(RawKey(isKeyCode: true, value: UInt32(code)) == .character(digit))
    }

    @Test func theCodesGivenToTheOtherDigitsAreDigits() {
        for digit in 0...9 {
            let code = Keypad.firstDigitCode + Int32(digit)
            #expect(RawKey(isKeyCode: true, value: UInt32(code)) == .character(Character(String(digit))))
        }
        #expect(RawKey(isKeyCode: true, value: UInt32(Keypad.firstDigitCode + 10)) == nil)
        #expect(Keypad.firstDigitCode > KEY_MAX, "clear of ncurses' own codes")
    }

    @Test func theApplicationModeSequencesAreEscOPToEscOY() {
        #expect(Keypad.digitSequences.first == "\u{1B}Op")
        #expect(Keypad.digitSequences.last == "\u{1B}Oy")
        #expect(Keypad.digitSequences.count == 10)
        #expect(Keypad.enterSequence == "\u{1B}OM")
    }

    @Test(arguments: [
        (RawKey.left, KioskInput.left), (.right, .right), (.insert, .insert), (.delete, .delete),
    ])
    func theKeysOfAKeypadWithNumLockOffReachTheCore(key: RawKey, input: KioskInput) {
        #expect(KeyMap.standard.input(for: key) == input)
    }

    @Test func insertAndDeleteDecode() {
        #expect(RawKey(isKeyCode: true, value: UInt32(KEY_IC)) == .insert)
        #expect(RawKey(isKeyCode: true, value: UInt32(KEY_DC)) == .delete)
    }
}
