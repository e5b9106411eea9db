import KioskCore

/// What a screen draws from: the state, the room it has and the key names to hint at.
struct ScreenContext {
    var state: KioskState
    /// The main area, between the top bands and the hint line.
    var area: TerminalSize
    var keys: KeyLabels
    /// Accessible mode: nothing that moves by itself, the cursor on what has the focus.
    var accessible = false
}

/// One screen per phase; each builds its page and draws nothing else.
enum Screens {
    static func page(_ context: ScreenContext) -> Page {
        switch context.state.phase {
        case .locked: LockedScreen.page(context)
        case .readingCard, .verifyingPasscode, .authenticating, .openingSession, .endingSession:
            ProgressScreen.page(context)
        case .passcodeEntry(let entry): PasscodeScreen.page(entry, context)
        case .choosingRole(let choice): RoleChoiceScreen.page(choice, context)
        case .signedIn(let signedIn): SignedInScreen.page(signedIn, context)
        case .removeCard(let notice): RemoveCardScreen.page(notice, context)
        case .cardServiceUnavailable: CardServiceUnavailableScreen.page(context)
        }
    }

    /// A notice as lines: the headline in its severity's style, then the lines as text.
    static func lines(for notice: Notice) -> [Line] {
        let element: StyleElement = switch notice.severity {
        case .error: .error
        case .warning: .warning
        case .information: .title
        }
        return [Line(notice.headline, element)] + notice.lines.map { Line($0) }
    }

    /// "job role — organisation (code)".
    static func describe(_ role: Role) -> String {
        "\(role.jobRole) — \(role.organisation) (\(role.organisationCode))"
    }
}
