import Foundation
import Glibc
import KioskCore
import Testing
@testable import TerminalUI

/// The screens laid out without a terminal: what each shows, at each size.
@Suite struct ComposerTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let role = Role(id: "555000000001", jobRole: "Consultant", organisation: "St Thomas' Hospital", organisationCode: "RJ122")

    static func state(_ phase: KioskPhase, environment: KioskEnvironment = .test) -> KioskState {
        var state = KioskState(environment: environment, now: now)
        state.readers = ["Virtual PCD 00 00"]
        state.phase = phase
        return state
    }

    static func lines(
        _ state: KioskState, columns: Int = 80, rows: Int = 24, overlay: DemoOverlay? = nil, keys: KeyLabels = .standard
    ) -> [String] {
        Composer.frame(state, overlay: overlay, size: TerminalSize(columns: columns, rows: rows), keys: keys, clock: .utc).lines
    }

    static func session(_ name: String = "Dr Siân Llewelyn-Jones") -> PortalSession {
        PortalSession(displayName: name, role: role, idleTimeout: 900, warning: 120, lease: 300)
    }

    @Test(arguments: [
        (KioskPhase.locked, "Insert your NHS smartcard"),
        (.readingCard, "Reading your smartcard…"),
        (.passcodeEntry(PasscodeEntry(triesLeft: 3)), "Enter your passcode"),
        (.verifyingPasscode, "Checking your passcode…"),
        (.authenticating, "Contacting NHS Spine…"),
        (.choosingRole(RoleChoice(roles: [role, role])), "Select your role"),
        (.openingSession(role), "Opening your Coordinate My Care session…"),
        (.signedIn(SignedIn(session: session(), now: now)), "Signed in as Dr Siân Llewelyn-Jones"),
        (.endingSession(.userLogout), "Logging out…"),
        (.removeCard(Notice(.information, "You have logged out")), "Remove your smartcard"),
        (.cardServiceUnavailable, "Card service unavailable"),
    ])
    func everyScreenShowsItsTextTheBannerTheClockAndTheReader(phase: KioskPhase, text: String) {
        for environment in KioskEnvironment.allCases {
            let lines = Self.lines(Self.state(phase, environment: environment))
            #expect(lines.contains { $0.contains(text) }, "\(lines.joined(separator: "\n"))")
            #expect(lines[0].hasPrefix(" \(environment.bannerText) ") && lines[0].hasSuffix(" \(environment.bannerText)"))
            #expect(lines[1].hasPrefix(" 11:06:40  Wed 18 Nov 2026"))
            #expect(lines[1].hasSuffix("Reader: Virtual PCD 00 00") || phase == .cardServiceUnavailable)
        }
    }

    @Test func theReaderLineSaysWhatIsThere() {
        var state = Self.state(.locked)
        state.readers = []
        #expect(Self.lines(state)[1].hasSuffix("No reader"))
        state.cardServiceAvailable = false
        #expect(Self.lines(state)[1].hasSuffix("Card service unavailable"))
    }

    @Test func thePasscodeFieldNeverChangesAndShowsNoMask() {
        let frames = [3, 2, 1].map { tries in
            Composer.frame(Self.state(.passcodeEntry(PasscodeEntry(triesLeft: tries))), overlay: nil,
                           size: TerminalSize(columns: 80, rows: 24), keys: .standard, clock: .utc)
        }
        let fields = frames.map { $0.lines.first { $0.contains("Passcode") } }
        #expect(fields[0] != nil && fields[0] == fields[1] && fields[1] == fields[2])
        #expect(!fields[0]!.contains("*") && !fields[0]!.contains("•"))
        #expect(frames.allSatisfy { $0.cursor != nil })
        #expect(frames[0].cursor?.column == frames[2].cursor?.column)
    }

    @Test func triesLeftShowOnlyWhenFewerThanThree() {
        #expect(!Self.lines(Self.state(.passcodeEntry(PasscodeEntry(triesLeft: 3)))).joined().contains("Tries left"))
        #expect(Self.lines(Self.state(.passcodeEntry(PasscodeEntry(triesLeft: 2)))).contains { $0.contains("Tries left before your card locks: 2") })
        #expect(Self.lines(Self.state(.passcodeEntry(PasscodeEntry(triesLeft: 1)))).contains { $0.contains("Last try") })
    }

    @Test func thePasscodeScreenShowsTheProblemAndTheWarning() {
        let entry = PasscodeEntry(
            triesLeft: 2, warning: Notice(.warning, "Your smartcard certificate expires in 12 days"),
            problem: Notice(.error, "That passcode is not right", ["2 tries left before your card locks."]))
        let text = Self.lines(Self.state(.passcodeEntry(entry))).joined(separator: "\n")
        #expect(text.contains("That passcode is not right"))
        #expect(text.contains("Your smartcard certificate expires in 12 days"))
        #expect(text.contains("Enter Sign in"))
    }

    @Test func rolesShowOnePerLineWithTheHighlightedOneMarked() {
        let roles = (0..<3).map { Role(id: "\($0)", jobRole: "Job \($0)", organisation: "Org \($0)", organisationCode: "C\($0)") }
        var choice = RoleChoice(roles: roles)
        choice.highlighted = 1
        let lines = Self.lines(Self.state(.choosingRole(choice)))
        #expect(lines.contains { $0.hasSuffix("  Job 0 — Org 0 (C0)") })
        #expect(lines.contains { $0.hasSuffix("> Job 1 — Org 1 (C1)") })
        #expect(!lines.contains { $0.contains("Filter:") })
    }

    @Test func aLongRoleListScrollsAndKeepsTheHighlightInView() {
        let roles = (0..<40).map { Role(id: "\($0)", jobRole: "Job \($0)", organisation: "Org", organisationCode: "C") }
        for highlighted in [0, 17, 39] {
            var choice = RoleChoice(roles: roles)
            choice.highlighted = highlighted
            for (columns, rows) in [(80, 24), (50, 15), (40, 10)] {
                let lines = Self.lines(Self.state(.choosingRole(choice)), columns: columns, rows: rows)
                #expect(lines.contains { $0.contains("> Job \(highlighted) —") }, "\(highlighted) at \(columns)×\(rows)")
                #expect(lines.count == rows)
            }
            let lines = Self.lines(Self.state(.choosingRole(choice)))
            #expect(lines.contains { $0.contains("Filter:") })
            #expect(lines.contains { $0.contains("more") })
        }
    }

    @Test func aFilterThatMatchesNothingSaysSo() {
        var choice = RoleChoice(roles: (0..<6).map { Role(id: "\($0)", jobRole: "Nurse", organisation: "Org", organisationCode: "C") })
        choice.filter = "surgeon"
        let lines = Self.lines(Self.state(.choosingRole(choice)))
        #expect(lines.contains { $0.contains("No role matches “surgeon”") })
        #expect(lines.contains { $0.contains("0 of 6 roles") })
    }

    @Test func theIdleWarningCountsDown() {
        var signedIn = SignedIn(session: Self.session(), now: Self.now)
        #expect(!Self.lines(Self.state(.signedIn(signedIn))).joined().contains("You are about to be logged out"))
        signedIn.idleDeadline = Self.now.addingTimeInterval(95)
        let lines = Self.lines(Self.state(.signedIn(signedIn)))
        #expect(lines.contains { $0.contains("You are about to be logged out") })
        #expect(lines.contains { $0.contains("Logging out in 1:35") })
        #expect(lines.last!.contains("Enter Stay signed in") && lines.last!.contains("F10 Log out"))
        let remapped = KeyLabels(submit: "Enter", giveUp: "Esc", erase: "Backspace", logout: "Ctrl-L", staySignedIn: "F5")
        #expect(Self.lines(Self.state(.signedIn(signedIn)), keys: remapped).last!.contains("F5 Stay signed in"))
    }

    @Test func theSpinnerTurnsWithTime() {
        var state = Self.state(.authenticating)
        let first = Self.lines(state).first { $0.contains("Contacting NHS Spine") }
        state.now = Self.now.addingTimeInterval(1)
        let next = Self.lines(state).first { $0.contains("Contacting NHS Spine") }
        #expect(first != nil && next != nil && first != next)
    }

    @Test func aRemoveCardNoticeShowsItsHeadlineAndLines() {
        let notice = KioskFailure.uidNotRegistered(uid: "555012345678").notice(helpdesk: Helpdesk())
        let text = Self.lines(Self.state(.removeCard(notice))).joined(separator: "\n")
        #expect(text.contains("Remove your smartcard"))
        #expect(text.contains("Your smartcard is not registered with Coordinate My Care"))
        #expect(text.contains("555012345678"))
    }

    @Test func aSmallTerminalGetsACompactScreenWithTheTextWrapped() {
        let notice = KioskFailure.uidNotRegistered(uid: "555012345678").notice(helpdesk: Helpdesk())
        let lines = Self.lines(Self.state(.removeCard(notice)), columns: 50, rows: 15)
        #expect(lines.count == 15)
        #expect(lines[0].contains("TEST"))
        #expect(!lines.contains { $0.contains("───") })
        #expect(lines.contains { $0.contains("Remove your smartcard") })
        #expect(lines.joined(separator: " ").contains("quote that"))
        #expect(lines.allSatisfy { DisplayText.width($0) <= 50 })
    }

    @Test(arguments: [(30, 8, "Terminal too small"), (39, 24, "Terminal too small"), (80, 9, "Terminal too small"), (12, 3, "Too small")])
    func belowFortyByTenOnlyTheBannerAndTooSmallShow(columns: Int, rows: Int, message: String) {
        let lines = Self.lines(Self.state(.signedIn(SignedIn(session: Self.session(), now: Self.now))), columns: columns, rows: rows)
        #expect(lines[0].contains("TEST"))
        #expect(lines.contains { $0.contains(message) })
        #expect(!lines.contains { $0.contains("Signed in") })
    }

    @Test func theDemoOverlayShowsItsKeysAndThePicker() {
        var overlay = DemoOverlay(personas: [
            .init(label: "Dr Siân Llewelyn-Jones", description: "Three roles"),
            .init(label: "Nurse Amaka Okafor", description: "One role"),
        ], insertedLabel: "Nurse Amaka Okafor", insertKey: "F6", removeKey: "F7")
        var lines = Self.lines(Self.state(.locked, environment: .demo), overlay: overlay)
        #expect(lines[22].contains("F6 Insert a card  F7 Remove the card"))
        #expect(lines[22].contains("Card: Nurse Amaka Okafor"))
        #expect(!lines.contains { $0.contains("Three roles") })
        overlay.pickerOpen = true
        overlay.highlighted = 1
        lines = Self.lines(Self.state(.locked, environment: .demo), overlay: overlay)
        #expect(lines.contains { $0.contains("│   Dr Siân Llewelyn-Jones") })
        #expect(lines.contains { $0.contains("│ > Nurse Amaka Okafor") })
        #expect(lines.contains { $0.contains("Three roles") })
    }

    @Test func aLongPickerScrollsToTheHighlightedPersona() {
        let personas = (0..<12).map { DemoOverlay.Persona(label: "Persona \($0)", description: "Case \($0)") }
        // 80×24 leaves room for seven personas: 3 to 7 show, around the highlighted fifth.
        let overlay = DemoOverlay(personas: personas, pickerOpen: true, highlighted: 5)
        let lines = Self.lines(Self.state(.locked, environment: .demo), overlay: overlay)
        #expect(lines.contains { $0.contains("│ > Persona 5") })
        #expect(lines.contains { $0.hasPrefix("    ┌") && $0.contains("↑ 3 more") })
        #expect(lines.contains { $0.hasPrefix("    └") && $0.contains("↓ 4 more") })
        #expect(!lines.contains { $0.contains("Persona 0") })
    }

    @Test func textFromOutsideCannotReachTheTerminalRaw() {
        var session = Self.session("Dr \u{1B}[2J\u{1B}]0;x\u{07}Evil\u{202E}")
        session.role.organisation = "Org\r\nwith\tcontrols"
        let lines = Self.lines(Self.state(.signedIn(SignedIn(session: session, now: Self.now))))
        let scalars = lines.joined().unicodeScalars
        #expect(!scalars.contains { $0.properties.generalCategory == .control || $0 == "\u{202E}" })
        #expect(lines.contains { $0.contains("Signed in as Dr  [2J ]0;x Evil\u{FFFD}") })
    }

    @Test func anyTextAtAnySizeFitsTheScreen() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = ["a", "Z", " ", "\u{1B}", "\u{0}", "\u{7F}", "\u{85}", "李", "😀", "\u{301}",
                                          "\u{200D}", "\u{FE0F}", "\u{202E}", "\u{378}", "—", "\u{FFFD}", "\t", "\n"]
        func text() -> String {
            String(String.UnicodeScalarView((0..<Int.random(in: 0...90, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for _ in 0..<200 {
            let role = Role(id: text(), jobRole: text(), organisation: text(), organisationCode: text())
            var choice = RoleChoice(roles: Array(repeating: role, count: Int.random(in: 2...12, using: &generator)))
            choice.filter = text()
            choice.highlighted = Int.random(in: -2...14, using: &generator)
            let phases: [KioskPhase] = [
                .removeCard(Notice(.error, text(), [text(), text()])), .choosingRole(choice),
                .signedIn(SignedIn(session: PortalSession(displayName: text(), role: role, idleTimeout: 1, warning: 5, lease: 1), now: Self.now)),
                .passcodeEntry(PasscodeEntry(triesLeft: 1, warning: Notice(.warning, text()), problem: Notice(.error, text(), [text()]))),
            ]
            let overlay = DemoOverlay(personas: [.init(label: text(), description: text())], pickerOpen: Bool.random(), insertedLabel: text())
            let columns = Int.random(in: 0...120, using: &generator)
            let rows = Int.random(in: 0...40, using: &generator)
            for phase in phases {
                var state = Self.state(phase)
                state.readers = [text()]
                let lines = Self.lines(state, columns: columns, rows: rows, overlay: Bool.random() ? overlay : nil)
                #expect(lines.count == max(0, rows) || columns == 0)
                #expect(lines.allSatisfy { DisplayText.width($0) <= columns })
            }
        }
    }

    @Test func theLocalClockKeepsSummerTime() {
        setenv("TZ", "Europe/London", 1)
        tzset()
        defer {
            unsetenv("TZ")
            tzset()
        }
        let midsummerNoonUTC = Date(timeIntervalSince1970: 1_782_475_200)

        #expect(ClockText(midsummerNoonUTC, on: .local).time == "13:00:00", "British Summer Time")
        #expect(ClockText(midsummerNoonUTC, on: .local).date == "Fri 26 Jun 2026")
        #expect(ClockText(midsummerNoonUTC, on: .utc).time == "12:00:00")
    }
}
