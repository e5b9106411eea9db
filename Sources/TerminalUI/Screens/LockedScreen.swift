/// "Insert your NHS smartcard": the kiosk at rest.
enum LockedScreen {
    /// For the operator, while the audit file cannot be written (a full disk, an I/O error).
    static let auditWarning = "This terminal cannot write its audit log: tell your IT service desk."

    static func page(_ context: ScreenContext) -> Page {
        var lines = [
            Line("Insert your NHS smartcard", .title),
            .blank,
            Line("Put your card in the reader to sign in to Coordinate My Care."),
        ]
        if context.state.readers.isEmpty {
            lines += [.blank, Line("No card reader is connected to this terminal.", .warning)]
        }
        if !context.state.auditLogWritable {
            lines += [.blank, Line(auditWarning, .warning)]
        }
        return Page(lines: lines)
    }
}
