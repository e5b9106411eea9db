/// Why a configuration file or a theme was refused. `description` is the one line to print
/// before exiting with status 2: the file, the line where known, the dotted key and the problem,
/// e.g. `/etc/cmc-kiosk/config.toml:6: endpoints.gas_url: plain http:// is allowed only to
/// loopback addresses` or `Themes/broken.toml:7: title.fg: "purpel" is not a colour; use …`.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    /// The dotted key (`endpoints.gas_url`, `title.fg`) or table (`[keys]`), when the problem has one.
    public var key: String?
    public var message: String
    /// The column, for syntax errors.
    public var column: Int?

    init(file: String, _ problem: Problem) {
        self.file = file
        self.line = problem.line
        self.key = problem.key
        self.message = problem.message
        self.column = problem.column
    }

    /// A problem found after the file was read, by a check of this machine at start-up (a
    /// `session.user` that does not exist), still reported at the key's line.
    public init(file: String, line: Int?, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
        self.column = nil
    }

    public var description: String {
        Problem(line: line, column: column, key: key, message).line(in: file)
    }
}
