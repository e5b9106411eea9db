import Foundation
import KioskCore
import Testing

@testable import TerminalUI

/// Once a slow step takes longer than a moment, its screen says what it is waiting for and for
/// how long, as a person on a slow link needs to know.
@Suite("How long a slow step has waited")
struct ProgressWaitTests {
    static let role = Role(id: "555123450010", jobRole: "Nurse Access Role", organisation: "St Thomas' Hospital", organisationCode: "RJ122")

    /// The screen of `phase`, `seconds` after the step began.
    static func screen(_ phase: KioskPhase, after seconds: TimeInterval) -> String {
        var state = ComposerTests.state(phase)
        state.phaseStarted = state.now
        state.now = state.now.addingTimeInterval(seconds)
        return AccessibleScreenTests.frame(state, accessible: false).lines.joined(separator: "\n")
    }

    @Test("a moment's wait says nothing more than what the kiosk is doing")
    func aMomentSaysNothing() {
        let screen = Self.screen(.authenticating, after: 1.5)
        #expect(screen.contains("Contacting NHS Spine…"))
        #expect(!screen.contains("Waiting for"))
    }

    @Test("a longer wait names whom the kiosk waits for, and for how long", arguments: [
        (KioskPhase.authenticating, "Waiting for NHS Spine: 7 s"),
        (.openingSession(role), "Waiting for NHS Spine and the Coordinate My Care portal: 7 s"),
        (.endingSession(.userLogout), "Waiting for NHS Spine and the portal to confirm the logout: 7 s"),
        (.readingCard, "Waiting for your smartcard: 7 s"),
    ])
    func aLongerWaitSaysSo(phase: KioskPhase, line: String) {
        #expect(Self.screen(phase, after: 7.4).contains(line))
    }

    @Test("in accessible mode the line comes once, with no count to be read out every second")
    func accessibleSaysItOnce() {
        var state = ComposerTests.state(.authenticating)
        state.phaseStarted = state.now
        let frames = [1, 7, 61].map { seconds in
            var later = state
            later.now = state.now.addingTimeInterval(TimeInterval(seconds))
            return AccessibleScreenTests.frame(later).lines.joined(separator: "\n")
        }
        #expect(!frames[0].contains("Still waiting"))
        #expect(frames[1].contains("Still waiting for NHS Spine."))
        #expect(frames[1] == frames[2])
    }

    @Test("the count goes on past a minute, in seconds, and removal is still offered while Spine is awaited")
    func longWaits() {
        let screen = Self.screen(.authenticating, after: 75)
        #expect(screen.contains("Waiting for NHS Spine: 75 s"))
        #expect(screen.contains("Remove your card to cancel"))
    }
}
