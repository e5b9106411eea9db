/// Why a theme could not be used. `description` is one line naming the file, the line, the key
/// and the problem, e.g. `Themes/broken.toml:7: title.fg: "purpel" is not a colour; use …`.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    /// The column, for syntax errors.
    public var column: Int?
    /// The dotted key (`title.fg`) or table (`[hint]`), when the problem has one.
    public var key: String?
    public var message: String

    init(file: String, _ problem: Problem) {
        self.file = file
        self.line = problem.line
        self.column = problem.column
        self.key = problem.key
        self.message = problem.message
    }

    public var description: String {
        Problem(line: line, column: column, key: key, message).line(in: file)
    }
}
