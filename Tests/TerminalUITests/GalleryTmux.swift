import TerminalTestSupport

extension Tmux {
    /// Starts the gallery with `arguments`, then prints EXITED and the terminal modes once it quits.
    convenience init(
        columns: Int = 80, rows: Int = 24, environment: String = "TERM=xterm-256color", gallery arguments: String
    ) throws {
        try self.init(columns: columns, rows: rows, command: """
            env \(environment) \(Tmux.builtProgram("cmc-kiosk-screens")) \(arguments); echo "EXITED $?"; stty -a; sleep 60
            """)
    }
}
