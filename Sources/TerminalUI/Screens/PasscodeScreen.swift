import KioskCore

/// "Enter your passcode": a fixed field whose width never shows how much has been typed, with
/// the feedback `[passcode] echo` asks for, and "Num Lock is off" when the keypad's digits
/// arrive as arrows, Home or End.
enum PasscodeScreen {
    /// The field's width, the same whatever the passcode's length.
    static let fieldWidth = 12

    static func page(_ entry: PasscodeEntry, _ context: ScreenContext) -> Page {
        var lines = [
            Line("Enter your passcode", .title),
            .blank,
            Line([Span("Passcode "), Span(field(entry.feedback), .input, showsCursor: true)]),
        ]
        if entry.numLockOff {
            lines += [.blank, Line("Num Lock is off", .warning), Line("Press Num Lock to type digits on the keypad.")]
        }
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

    /// The field's text, always ``fieldWidth`` wide: blank (`none`, and `indicator` before the
    /// first key), the indicator's mark "<>" at its place, or one `*` per character (`dots`).
    static func field(_ feedback: PasscodeFeedback) -> String {
        var cells = Array(repeating: Character(" "), count: fieldWidth)
        switch feedback.echo {
        case .none:
            break
        case .indicator:
            if let place = feedback.indicatorPlace {
                let column = place * (fieldWidth / PasscodeFeedback.indicatorPlaces)
                cells[column] = "<"
                cells[column + 1] = ">"
            }
        case .dots:
            for index in 0..<min(fieldWidth, feedback.dotCount) { cells[index] = "*" }
        }
        return String(cells)
    }
}
