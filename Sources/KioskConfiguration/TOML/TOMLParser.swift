/// A strict parser for the subset of TOML 1.0 that the kiosk's files use: `[table]` and
/// `[table.sub]` headers, `key = value` with bare or quoted keys, basic and literal strings,
/// decimal integers, floats, booleans, arrays of those, comments and blank lines.
///
/// Anything else (dotted keys, inline tables, arrays of tables, multi-line strings, dates) is
/// refused with its line and column rather than half-understood.
struct TOMLParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private var document = TOMLDocument()
    private var currentTable: [String] = []

    private init(_ text: String) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        self.scalars = scalars
    }

    /// Parses `text` into a document, or throws the first syntax error.
    static func parse(_ text: String) throws(TOMLError) -> TOMLDocument {
        var parser = TOMLParser(text)
        try parser.parseDocument()
        return parser.document
    }

    // MARK: - Document structure

    private mutating func parseDocument() throws(TOMLError) {
        while true {
            try skipBlankLinesAndComments()
            guard let scalar = peek() else { return }
            if scalar == "[" {
                try parseTableHeader()
            } else {
                try parseKeyValue()
            }
            try expectEndOfLine()
        }
    }

    private mutating func parseTableHeader() throws(TOMLError) {
        let headerLine = line
        advance()  // "["
        if peek() == "[" { throw error("arrays of tables ([[...]]) are not supported") }
        var path: [String] = []
        repeat {
            skipSpaces()
            path.append(try parseKey())
            skipSpaces()
        } while consume(".")
        guard consume("]") else { throw error("expected ] to close the table header") }

        for depth in 1..<path.count {
            let parent = Array(path.prefix(depth))
            try checkNoValue(named: path[depth - 1], in: Array(path.prefix(depth - 1)))
            if document.tables[parent] == nil {
                document.tables[parent] = TOMLTable(line: nil, isExplicit: false)
            }
        }
        try checkNoValue(named: path[path.count - 1], in: Array(path.dropLast()))
        if let existing = document.tables[path], existing.isExplicit {
            let name = path.joined(separator: ".")
            throw TOMLError(
                line: headerLine, column: 1,
                message: "table [\(name)] is defined twice (first on line \(existing.line ?? 0))")
        }
        document.tables[path, default: TOMLTable(line: nil, isExplicit: false)].line = headerLine
        document.tables[path]?.isExplicit = true
        currentTable = path
    }

    private func checkNoValue(named name: String, in table: [String]) throws(TOMLError) {
        if let entry = document.tables[table]?.entries[name] {
            throw error("\"\(name)\" is already a value (line \(entry.line)), not a table")
        }
    }

    private mutating func parseKeyValue() throws(TOMLError) {
        let keyLine = line
        let keyColumn = column
        let key = try parseKey()
        skipSpaces()
        if peek() == "." { throw error("dotted keys are not supported; use a [table] header") }
        guard consume("=") else { throw error("expected = after the key \"\(key)\"") }
        skipSpaces()
        let value = try parseValue()

        if let existing = document.tables[currentTable]?.entries[key] {
            throw TOMLError(
                line: keyLine, column: keyColumn,
                message: "\"\(key)\" is set twice (first on line \(existing.line))")
        }
        if document.tables[currentTable + [key]] != nil {
            throw TOMLError(
                line: keyLine, column: keyColumn, message: "\"\(key)\" is already a table")
        }
        document.tables[currentTable]?.entries[key] = TOMLEntry(value: value, line: keyLine, column: keyColumn)
        document.tables[currentTable]?.keys.append(key)
    }

    private mutating func parseKey() throws(TOMLError) -> String {
        switch peek() {
        case "\"": return try parseString(quotedBy: "\"")
        case "'": return try parseString(quotedBy: "'")
        default:
            var key = ""
            while let scalar = peek(), scalar.isNameCharacter(orOneOf: "_-") {
                key.unicodeScalars.append(scalar)
                advance()
            }
            if key.isEmpty { throw error("expected a key (letters, digits, _ and -, or a quoted key)") }
            return key
        }
    }

    // MARK: - Values

    private mutating func parseValue() throws(TOMLError) -> TOMLValue {
        guard let scalar = peek() else { throw error("expected a value after =") }
        switch scalar {
        case "\"":
            if peek(offset: 1) == "\"" && peek(offset: 2) == "\"" {
                throw error("multi-line strings (\"\"\") are not supported")
            }
            return .string(try parseString(quotedBy: "\""))
        case "'":
            if peek(offset: 1) == "'" && peek(offset: 2) == "'" {
                throw error("multi-line strings (''') are not supported")
            }
            return .string(try parseString(quotedBy: "'"))
        case "[":
            return try parseArray()
        case "{":
            throw error("inline tables ({...}) are not supported; use a [table] header")
        case "t", "f":
            return try parseBoolean()
        case "0"..."9", "+", "-", "i", "n":
            return try parseNumber()
        default:
            let word = readToken()
            if word.isEmpty { throw error("expected a value (a quoted string, a number, true, false or an array)") }
            throw notAValue(word)
        }
    }

    private func notAValue(_ word: String) -> TOMLError {
        error("\"\(word)\" is not a value (strings must be quoted)", back: word)
    }

    private mutating func parseBoolean() throws(TOMLError) -> TOMLValue {
        let word = readToken()
        switch word {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        default: throw notAValue(word)
        }
    }

    private mutating func parseNumber() throws(TOMLError) -> TOMLValue {
        let token = readToken()
        if Self.looksLikeDateOrTime(token) { throw error("dates and times are not supported", back: token) }
        if let integer = Self.decimalInteger(token) { return .integer(integer) }
        if Self.isDecimalInteger(token) { throw error("the integer \(token) is out of range", back: token) }
        if let float = Self.float(token) {
            guard float.isFinite else { throw error("the number \(token) is out of range", back: token) }
            return .float(float)
        }
        if ["inf", "nan"].contains(token.trimmingSign) {
            throw error("inf and nan are not supported", back: token)
        }
        if token.trimmingSign.hasPrefix("0x") || token.trimmingSign.hasPrefix("0o") || token.trimmingSign.hasPrefix("0b") {
            throw error("only decimal integers are supported", back: token)
        }
        if token.first?.isASCIIDigit == true || "+-".contains(token.first ?? " ") {
            throw error("\"\(token)\" is not a valid number", back: token)
        }
        throw notAValue(token)
    }

    private mutating func parseArray() throws(TOMLError) -> TOMLValue {
        advance()  // "["
        var elements: [TOMLValue] = []
        while true {
            try skipBlankLinesAndComments()
            if consume("]") { return .array(elements) }
            if peek() == "[" { throw error("nested arrays are not supported") }
            elements.append(try parseValue())
            try skipBlankLinesAndComments()
            if consume(",") { continue }
            guard consume("]") else { throw error("expected , or ] in the array") }
            return .array(elements)
        }
    }

    /// A one-line string from its opening `quote` to the closing one: a basic string ("…") reads
    /// escapes, a literal string ('…') takes every character as written.
    private mutating func parseString(quotedBy quote: Unicode.Scalar) throws(TOMLError) -> String {
        advance()  // the opening quote
        var result = ""
        while true {
            guard let scalar = peek(), !Self.isNewline(scalar) else {
                throw error("unterminated string: missing closing \(quote)")
            }
            if scalar == quote {
                advance()
                return result
            }
            if scalar == "\\" && quote == "\"" {
                result.unicodeScalars.append(try parseEscape())
            } else {
                try checkAllowedInString(scalar)
                advance()
                result.unicodeScalars.append(scalar)
            }
        }
    }

    private mutating func parseEscape() throws(TOMLError) -> Unicode.Scalar {
        advance()  // "\\"
        guard let scalar = peek() else { throw error("unterminated string: missing closing \"") }
        advance()
        switch scalar {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "u": return try parseUnicodeEscape(digits: 4)
        case "U": return try parseUnicodeEscape(digits: 8)
        default: throw error("unknown escape \\\(scalar) (use \\\\ for a backslash)", backBy: 2)
        }
    }

    private mutating func parseUnicodeEscape(digits: Int) throws(TOMLError) -> Unicode.Scalar {
        var hex = ""
        for _ in 0..<digits {
            guard let scalar = peek(), scalar.properties.isASCIIHexDigit else {
                throw error("\\u needs \(digits) hexadecimal digits")
            }
            hex.unicodeScalars.append(scalar)
            advance()
        }
        guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
            throw error("\\\(digits == 4 ? "u" : "U")\(hex) is not a Unicode scalar value", backBy: digits + 2)
        }
        return scalar
    }

    private func checkAllowedInString(_ scalar: Unicode.Scalar) throws(TOMLError) {
        if scalar != "\t" && (scalar.value < 0x20 || scalar.value == 0x7F) {
            throw error("control character U+\(String(scalar.value, radix: 16, uppercase: true)) in a string; use an escape")
        }
    }

    // MARK: - Numbers

    /// `1979-05-27` or `07:32:00`: a colon, or a minus sign after the first character that is
    /// not an exponent's.
    private static func looksLikeDateOrTime(_ token: String) -> Bool {
        let hasExponent = token.contains { $0 == "e" || $0 == "E" }
        return token.contains(":") || (token.dropFirst().contains("-") && !hasExponent)
    }

    private static func isDecimalInteger(_ token: String) -> Bool {
        let digits = token.trimmingSign
        guard let first = digits.first, first.isASCIIDigit, !digits.hasSuffix("_") else { return false }
        if first == "0" && digits.count > 1 { return false }
        return !digits.contains("__") && digits.allSatisfy { $0.isASCIIDigit || $0 == "_" }
    }

    private static func decimalInteger(_ token: String) -> Int? {
        guard isDecimalInteger(token) else { return nil }
        return Int(token.replacingUnderscores)
    }

    private static func float(_ token: String) -> Double? {
        let body = token.trimmingSign
        let parts = body.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "E", maxSplits: 1, omittingEmptySubsequences: false) }
        guard parts.count <= 2, let mantissa = parts.first else { return nil }
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard isDecimalInteger(String(pieces[0])) else { return nil }
        if pieces.count == 2 && !isDigitRun(pieces[1]) { return nil }
        if parts.count == 2 && !isDigitRun(parts[1].trimmingSign) { return nil }
        guard pieces.count == 2 || parts.count == 2 else { return nil }
        return Double(token.replacingUnderscores)
    }

    private static func isDigitRun(_ text: some StringProtocol) -> Bool {
        guard let first = text.first, let last = text.last, first.isASCIIDigit, last.isASCIIDigit else {
            return false
        }
        return !text.contains("__") && text.allSatisfy { $0.isASCIIDigit || $0 == "_" }
    }

    // MARK: - Scanning

    private func peek(offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        guard peek() == scalar else { return false }
        advance()
        return true
    }

    /// Reads a run of scalars up to the next space, comma, bracket, comment or line end.
    private mutating func readToken() -> String {
        var token = ""
        while let scalar = peek(), !" \t\r\n,]#".unicodeScalars.contains(scalar) {
            token.unicodeScalars.append(scalar)
            advance()
        }
        return token
    }

    private mutating func skipSpaces() {
        while peek() == " " || peek() == "\t" { advance() }
    }

    private static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r"
    }

    /// Skips spaces, comments and line ends (checking that each `\r` is part of `\r\n`).
    private mutating func skipBlankLinesAndComments() throws(TOMLError) {
        while let scalar = peek() {
            switch scalar {
            case " ", "\t", "\n": advance()
            case "\r": try consumeCarriageReturn()
            case "#": try skipComment()
            default: return
            }
        }
    }

    private mutating func skipComment() throws(TOMLError) {
        while let scalar = peek(), !Self.isNewline(scalar) {
            if scalar != "\t" && (scalar.value < 0x20 || scalar.value == 0x7F) {
                throw error("control character U+\(String(scalar.value, radix: 16, uppercase: true)) in a comment")
            }
            advance()
        }
    }

    private mutating func consumeCarriageReturn() throws(TOMLError) {
        guard peek(offset: 1) == "\n" else { throw error("a carriage return must be followed by a line feed") }
        advance()
        advance()
    }

    /// After a header or a value: only spaces and a comment may follow on the same line.
    private mutating func expectEndOfLine() throws(TOMLError) {
        skipSpaces()
        if peek() == "#" { try skipComment() }
        switch peek() {
        case nil, "\n": return
        case "\r": try consumeCarriageReturn()
        case let other?: throw error("expected the end of the line, found \"\(other)\"")
        }
    }

    private func error(_ message: String, backBy count: Int = 0) -> TOMLError {
        TOMLError(line: line, column: column - count, message: message)
    }

    private func error(_ message: String, back token: String) -> TOMLError {
        error(message, backBy: token.unicodeScalars.count)
    }
}

private extension StringProtocol {
    var trimmingSign: SubSequence {
        first == "+" || first == "-" ? dropFirst() : self[...]
    }

    var replacingUnderscores: String { String(filter { $0 != "_" }) }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
