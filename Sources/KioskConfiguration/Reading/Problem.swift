/// What is wrong in a file, and where: the file-independent part of `ConfigurationError`,
/// thrown while a configuration or theme file is read and given its file name by the loader.
struct Problem: Error, Equatable, Sendable {
    var line: Int?
    var column: Int?
    var key: String?
    var message: String

    init(line: Int? = nil, column: Int? = nil, key: String? = nil, _ message: String) {
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    init(_ error: TOMLError) {
        self.init(line: error.line, column: error.column, error.message)
    }

    /// The one-line report: `FILE[:LINE[:COLUMN]]: [KEY: ]MESSAGE`.
    func line(in file: String) -> String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        if let key { text += ": \(key)" }
        return text + ": " + message
    }
}
