/// "Card service unavailable": the terminal's smartcard service does not answer.
enum CardServiceUnavailableScreen {
    static func page(_ context: ScreenContext) -> Page {
        Page(lines: [
            Line("Card service unavailable", .error),
            .blank,
            Line("This terminal's smartcard service is not answering, so no card can be read."),
            Line("The kiosk keeps trying and will ask for your card when it is back."),
            Line("If this lasts more than a few minutes, call your IT service desk."),
        ])
    }
}
