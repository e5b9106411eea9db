/// "Insert your NHS smartcard": the kiosk at rest.
enum LockedScreen {
    static func page(_ context: ScreenContext) -> Page {
        var lines = [
            Line("Insert your NHS smartcard", .title),
            .blank,
            Line("Put your card in the reader to sign in to Coordinate My Care."),
        ]
        if context.state.readers.isEmpty {
            lines += [.blank, Line("No card reader is connected to this terminal.", .warning)]
        }
        return Page(lines: lines)
    }
}
