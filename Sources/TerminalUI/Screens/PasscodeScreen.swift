import KioskCore

/// "Enter your passcode": a fixed field that never shows how much has been typed.
enum PasscodeScreen {
    /// The field's width, the same whatever the passcode's length.
    static let fieldWidth = 12

    static func page(_ entry: PasscodeEntry, _ context: ScreenContext) -> Page {
        var lines = [
            Line("Enter your passcode", .title),
            .blank,
            Line([Span("Passcode "), Span(String(repeating: " ", count: fieldWidth), .input, showsCursor: true)]),
        ]
        if entry.showsTriesLeft, let triesLeft = entry.triesLeft {
            let tries = triesLeft == 1
                ? "Last try: a wrong passcode locks your card"
                : "Tries left before your card locks: \(triesLeft)"
            lines += [.blank, Line(tries, .warning)]
        }
        if let problem = entry.problem { lines += [.blank] + Screens.lines(for: problem) }
        if let warning = entry.warning { lines += [.blank] + Screens.lines(for: warning) }
        let keys = context.keys
        return Page(lines: lines, hints: [
            KeyHint(key: keys.submit, action: "Sign in"), KeyHint(key: keys.erase, action: "Erase"),
            KeyHint(key: keys.giveUp, action: "Cancel"),
        ])
    }
}
