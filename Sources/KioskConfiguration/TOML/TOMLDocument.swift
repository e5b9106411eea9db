/// A parsed TOML file: every table by its dotted path (the root table is `[]`), each entry with
/// the line it was written on, so that later checks can point at it.
struct TOMLDocument: Equatable, Sendable {
    var tables: [[String]: TOMLTable] = [[]: TOMLTable(line: nil, isExplicit: true)]
}

/// One table: its header's line (nil for the root and for tables only implied by a header such
/// as `[a.b]`) and its key/value entries in file order.
struct TOMLTable: Equatable, Sendable {
    var line: Int?
    var isExplicit: Bool
    var entries: [String: TOMLEntry] = [:]
    var keys: [String] = []
}

/// A value with the position of its key.
struct TOMLEntry: Equatable, Sendable {
    var value: TOMLValue
    var line: Int
    var column: Int
}

/// The value kinds of the supported TOML subset.
enum TOMLValue: Equatable, Sendable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array([TOMLValue])

    /// The kind in plain words, with an article, for error messages: "a string".
    var kindDescription: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a decimal number"
        case .boolean: "true or false"
        case .array: "an array"
        }
    }
}

/// A syntax error at a line and column (both counted from 1).
struct TOMLError: Error, Equatable, Sendable, CustomStringConvertible {
    var line: Int
    var column: Int
    var message: String

    var description: String { "\(line):\(column): \(message)" }
}
