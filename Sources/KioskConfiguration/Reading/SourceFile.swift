import FoundationEssentials
import Glibc

/// Reads a configuration or theme file as UTF-8 text and parses it as TOML.
enum SourceFile {
    static func document(at path: String) throws(Problem) -> TOMLDocument {
        try document(parsing: read(path))
    }

    /// Parses the text of a file.
    static func document(parsing text: String) throws(Problem) -> TOMLDocument {
        do {
            return try TOMLParser.parse(text)
        } catch {
            throw Problem(error)
        }
    }

    private static func read(_ path: String) throws(Problem) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { throw Problem("no such file") }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw Problem("is a directory, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem("cannot be read (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problem("is not UTF-8 text")
        }
        return text
    }
}
