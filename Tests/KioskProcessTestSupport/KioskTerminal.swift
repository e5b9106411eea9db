/// How the kiosk under test gets its terminal: tmux's size, and the command tmux runs given the
/// kiosk's own shell command line; by default that command line itself, or e.g. an `ssh -t` to
/// a host whose sshd runs it.
public struct KioskTerminal: Sendable {
    public let columns: Int
    public let rows: Int
    public let command: @Sendable (_ kioskCommand: String) throws -> String

    public init(columns: Int, rows: Int, command: @escaping @Sendable (_ kioskCommand: String) throws -> String) {
        self.columns = columns
        self.rows = rows
        self.command = command
    }

    /// tmux runs the kiosk itself at 100×30.
    public static let local = KioskTerminal(columns: 100, rows: 30) { $0 }
}
