/// One `key = value` of a file, named by its dotted key, with typed accessors whose errors say
/// what was expected.
struct Field: Sendable {
    var key: String
    var line: Int
    var value: TOMLValue

    /// A problem with this field, reported at its line.
    func problem(_ message: String) -> Problem {
        Problem(line: line, key: key, message)
    }

    func string() throws(Problem) -> String {
        guard case .string(let text) = value else { throw mismatch("a quoted string") }
        return text
    }

    func integer() throws(Problem) -> Int {
        guard case .integer(let number) = value else { throw mismatch("a whole number") }
        return number
    }

    func boolean() throws(Problem) -> Bool {
        guard case .boolean(let flag) = value else { throw mismatch("true or false") }
        return flag
    }

    func strings() throws(Problem) -> [String] {
        guard case .array(let elements) = value else { throw mismatch("an array of quoted strings") }
        var result: [String] = []
        for element in elements {
            guard case .string(let text) = element else {
                throw problem("expected an array of quoted strings, found \(element.kindDescription) in it")
            }
            result.append(text)
        }
        return result
    }

    private func mismatch(_ expected: String) -> Problem {
        problem("expected \(expected), found \(value.kindDescription)")
    }
}

extension TOMLDocument {
    /// The field `key` of the table at `table`, when the file sets it.
    func field(_ key: String, in table: [String] = []) -> Field? {
        guard let entry = tables[table]?.entries[key] else { return nil }
        return Field(key: (table + [key]).joined(separator: "."), line: entry.line, value: entry.value)
    }

    /// Whether the file has the table at `path` (written or implied by a sub-table).
    func hasTable(_ path: [String]) -> Bool {
        tables[path] != nil
    }
}
