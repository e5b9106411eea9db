import KioskCore

/// "Remove your smartcard", and why: the end of every session and failed attempt.
enum RemoveCardScreen {
    static func page(_ notice: Notice, _ context: ScreenContext) -> Page {
        Page(
            lines: [Line("Remove your smartcard", .title), .blank] + Screens.lines(for: notice),
            hints: [KeyHint(key: "", action: "Take your card out of the reader")]
        )
    }
}
