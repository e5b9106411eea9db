import Glibc

/// Why the kiosk did not start, told where someone will see it: one line on standard error
/// (the journal, under the unit), and, when systemd started it on a terminal of its own (a ward
/// terminal's tty1), on that screen too, in plain words.
///
/// On that screen the kiosk then stays, showing the message, until it is stopped: exiting would
/// have systemd start it again every two seconds, each time clearing the screen
/// (`TTYVTDisallocate=`), and then give up with tty1 blank. Restarting cannot fix a
/// configuration or set-up error; `systemctl restart cmc-kiosk` once it is put right does.
/// Elsewhere (a shell, a test) the kiosk exits 2 at once, as every start-up error does.
enum StartUpFailure {
    static func report(_ line: String) -> Never {
        writeLine(line)
        guard showsOnScreen else { exit(2) }
        // Clear the screen and home the cursor, then the message; nothing else is drawn.
        let lines = screen(for: line).split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { wrapped(String($0), width: terminalWidth) }
        write(STDOUT_FILENO, "\u{1B}[H\u{1B}[2J" + lines.joined(separator: "\r\n"))
        while true { pause() }
    }

    /// `line` on standard error, after the program's name.
    static func writeLine(_ line: String) {
        write(STDERR_FILENO, "cmc-kiosk: \(line)\n")
    }

    /// The words on the screen.
    static func screen(for line: String) -> String {
        """
        Coordinate My Care: this terminal cannot start.

        \(line)

        Please tell your IT service desk. Nobody can sign in here until it is put right.
        (For IT: correct the file, then run: systemctl restart cmc-kiosk)

        """
    }

    /// `text` in lines of at most `width` characters, broken at spaces where it can be.
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            current += current.isEmpty ? word : " " + word
            while current.count > width {
                lines.append(String(current.prefix(width)))
                current = String(current.dropFirst(width))
            }
        }
        return lines + [current]
    }

    /// The terminal's width, 80 when it does not say.
    private static var terminalWidth: Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Started by systemd (`INVOCATION_ID` set), with standard output a terminal that is not
    /// also standard error: the unit's `StandardOutput=tty` with `StandardError=journal`.
    private static var showsOnScreen: Bool {
        guard getenv("INVOCATION_ID") != nil, isatty(STDOUT_FILENO) == 1 else { return false }
        var output = stat(), errors = stat()
        guard fstat(STDOUT_FILENO, &output) == 0 else { return false }
        return fstat(STDERR_FILENO, &errors) != 0 || isatty(STDERR_FILENO) == 0 || errors.st_rdev != output.st_rdev
    }

    private static func write(_ descriptor: Int32, _ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
