import Foundation
import KioskCore
import Testing
@testable import TerminalUI

/// Accessible mode laid out without a terminal: nothing moves by itself, each state is one
/// sentence, and the cursor sits on what has the focus.
@Suite struct AccessibleScreenTests {
    static let now = ComposerTests.now
    static let role = ComposerTests.role

    static func frame(_ state: KioskState, accessible: Bool = true, columns: Int = 80, rows: Int = 24) -> Frame {
        Composer.frame(
            state, overlay: nil, size: TerminalSize(columns: columns, rows: rows), keys: .standard, clock: .utc,
            accessible: accessible)
    }

    static func at(_ seconds: TimeInterval, _ phase: KioskPhase) -> KioskState {
        var state = ComposerTests.state(phase)
        state.now = now.addingTimeInterval(seconds)
        return state
    }

    static let phases: [KioskPhase] = [
        .locked, .readingCard, .passcodeEntry(PasscodeEntry(triesLeft: 3)), .verifyingPasscode, .authenticating,
        .choosingRole(RoleChoice(roles: [role, role, role])), .openingSession(role),
        .signedIn(SignedIn(session: ComposerTests.session(), now: now)), .endingSession(.userLogout),
        .removeCard(Notice(.error, "Spine cannot be reached")), .cardServiceUnavailable,
    ]

    /// A slow step says once, after a moment, that it is still waiting (``ProgressWaitTests``).
    @Test(arguments: phases)
    func nothingChangesWhileNothingHappens(phase: KioskPhase) {
        let frames = [0, 1, 7, 61].map { Self.frame(Self.at(Double($0), phase)) }
        let waits = ProgressScreen.waiting(Self.at(7, phase), counting: false) != nil
        #expect(waits ? frames[0] == frames[1] && frames[2] == frames[3] : frames.allSatisfy { $0 == frames[0] },
                "the same frame, so nothing is sent to the terminal")
        let plain = [0, 1].map { Self.frame(Self.at(Double($0), phase), accessible: false) }
        #expect(plain[0] != plain[1], "outside accessible mode the clock (and spinner) move")
    }

    @Test func theIdleWarningHasNoCountdown() {
        let signedIn = SignedIn(session: ComposerTests.session(), now: Self.now)
        let phase = KioskPhase.signedIn(signedIn)
        let frames = [800, 801, 850].map { Self.frame(Self.at(Double($0), phase)) }
        #expect(frames.allSatisfy { $0 == frames[0] })
        let text = frames[0].lines.joined(separator: "\n")
        #expect(text.contains("You are about to be logged out: press Enter to stay signed in."))
        #expect(!text.contains("Logging out in"))
    }

    @Test(arguments: phases)
    func theFirstLineOfTheMainAreaIsTheStateInOneSentence(phase: KioskPhase) {
        let state = Self.at(0, phase)
        let frame = Self.frame(state)
        let sentence = Sentence.of(state, keys: .standard)
        #expect(frame.lines[3] == " " + sentence)
        #expect(sentence.hasSuffix("."))
        #expect(sentence.filter { $0 == "." }.count == 1, "one sentence: \(sentence)")
        #expect(sentence.first?.isUppercase == true)
    }

    @Test(arguments: [
        (KioskPhase.locked, "Insert your NHS smartcard to sign in."),
        (.passcodeEntry(PasscodeEntry(triesLeft: 1)), "Enter your passcode and press Enter; this is your last try."),
        (.passcodeEntry(PasscodeEntry(triesLeft: 2, problem: Notice(.error, "That passcode is not right"))),
         "That passcode is not right: enter your passcode and press Enter; 2 tries left."),
        (.removeCard(Notice(.information, "You have logged out")), "You have logged out: remove your smartcard."),
        (.choosingRole(RoleChoice(roles: [role, role])), "Select your role: 2 roles, Up and Down to move, Enter to choose."),
    ])
    func sentencesSayWhatToDo(phase: KioskPhase, sentence: String) {
        #expect(Sentence.of(Self.at(0, phase), keys: .standard) == sentence)
    }

    @Test func numLockOffIsSaidFirst() {
        var entry = PasscodeEntry(triesLeft: 3)
        entry.numLockOff = true
        let state = Self.at(0, .passcodeEntry(entry))
        #expect(Sentence.of(state, keys: .standard) == "Num Lock is off: press Num Lock, then enter your passcode and press Enter.")
        #expect(Self.frame(state, accessible: false).lines.contains { $0.contains("Num Lock is off") })
    }

    @Test(arguments: [
        KioskPhase.locked, .readingCard, .verifyingPasscode, .authenticating, .openingSession(role),
        .signedIn(SignedIn(session: ComposerTests.session(), now: now)), .endingSession(.userLogout),
        .removeCard(Notice(.error, "Spine cannot be reached")), .cardServiceUnavailable,
    ])
    func withNoFieldTheCursorStartsTheSentence(phase: KioskPhase) throws {
        let cursor = try #require(Self.frame(Self.at(0, phase)).cursor)
        #expect(cursor.row == 3 && cursor.column == 1)
    }

    @Test func onThePasscodeScreenTheCursorIsOnTheField() throws {
        let frame = Self.frame(Self.at(0, .passcodeEntry(PasscodeEntry(triesLeft: 3))))
        let cursor = try #require(frame.cursor)
        let row = frame.lines[cursor.row]
        #expect(row.contains("Passcode"))
        // The lines end where the text does: the blank field after "Passcode " is cut off.
        let fieldStart = row.distance(from: row.startIndex, to: try #require(row.range(of: "Passcode")).upperBound) + 1
        #expect(cursor.column == fieldStart)
    }

    @Test(arguments: [0, 1, 2])
    func onTheRoleListTheCursorIsOnTheHighlightedRole(highlighted: Int) throws {
        let roles = (0..<3).map { Role(id: "\($0)", jobRole: "Job \($0)", organisation: "Org", organisationCode: "C") }
        var choice = RoleChoice(roles: roles)
        choice.highlighted = highlighted
        let frame = Self.frame(Self.at(0, .choosingRole(choice)))
        let cursor = try #require(frame.cursor)
        #expect(frame.lines[cursor.row].contains("> Job \(highlighted)"))
        #expect(frame.lines[cursor.row].dropFirst(cursor.column).hasPrefix("> Job"))
    }

    @Test func aLongListWithAFilterStillPutsTheCursorOnTheHighlightedRole() throws {
        let roles = (0..<9).map { Role(id: "\($0)", jobRole: "Job \($0)", organisation: "Org", organisationCode: "C") }
        var choice = RoleChoice(roles: roles)
        choice.highlighted = 4
        let accessible = Self.frame(Self.at(0, .choosingRole(choice)))
        #expect(accessible.lines[try #require(accessible.cursor).row].contains("> Job 4"))
        let plain = Self.frame(Self.at(0, .choosingRole(choice)), accessible: false)
        #expect(plain.lines[try #require(plain.cursor).row].contains("Filter:"), "outside accessible mode, on the filter")
    }

    @Test func theSpinnerAndTheClockGo() {
        let text = Self.frame(Self.at(0, .readingCard)).lines
        #expect(text[1] == String(repeating: " ", count: 80 - "Reader: Virtual PCD 00 00".count - 1) + "Reader: Virtual PCD 00 00")
        #expect(text.contains { $0.contains("Reading your smartcard…") })
        for spin in ProgressScreen.spinner {
            #expect(!text.contains { $0.contains("\(spin) Reading") })
        }
    }
}
