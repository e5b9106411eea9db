/// Why a body is not a `gpOBJECT`.
public enum GPObjectError: Error, Equatable, Sendable {
    case missingRootElement
    case malformedParameter(offset: Int)
}

extension GPObject {
    /// Parses a `gpOBJECT` leniently: unknown markup is skipped, a bare `&` is kept as it is, and the
    /// five predefined XML entities and numeric character references are decoded.
    ///
    /// Hand-written because the field's documents are not well-formed XML (bare `&`), which an XML
    /// parser rejects.
    public init(parsing text: String) throws(GPObjectError) {
        let chars = Array(text.unicodeScalars)
        guard Self.find("<gpOBJECT", in: chars, from: 0) != nil else { throw .missingRootElement }
        var parameters: [GPParameter] = []
        var index = 0
        while let start = Self.find("<gpPARAM", in: chars, from: index) {
            let (parameter, next) = try Self.parseParameter(chars, at: start)
            parameters.append(parameter)
            index = next
        }
        self.init(parameters)
    }

    private static func parseParameter(_ chars: [Unicode.Scalar], at start: Int) throws(GPObjectError) -> (GPParameter, Int) {
        var index = start + "<gpPARAM".unicodeScalars.count
        var attributes: [(String, String)] = []
        while true {
            while index < chars.count, chars[index].properties.isWhitespace { index += 1 }
            guard index < chars.count else { throw .malformedParameter(offset: start) }
            if chars[index] == ">" { index += 1; break }
            if chars[index] == "/", index + 1 < chars.count, chars[index + 1] == ">" {
                return (try makeParameter(attributes, value: "", offset: start), index + 2)
            }
            let (attribute, next) = try parseAttribute(chars, at: index, parameterStart: start)
            attributes.append(attribute)
            index = next
        }
        guard let end = find("</gpPARAM", in: chars, from: index) else { throw .malformedParameter(offset: start) }
        let value = decodeEntities(String(String.UnicodeScalarView(chars[index..<end])))
        var next = end
        while next < chars.count, chars[next] != ">" { next += 1 }
        return (try makeParameter(attributes, value: value, offset: start), min(next + 1, chars.count))
    }

    private static func parseAttribute(
        _ chars: [Unicode.Scalar], at start: Int, parameterStart: Int
    ) throws(GPObjectError) -> ((String, String), Int) {
        var index = start
        while index < chars.count, chars[index] != "=", chars[index] != ">", !chars[index].properties.isWhitespace {
            index += 1
        }
        let name = String(String.UnicodeScalarView(chars[start..<index]))
        guard !name.isEmpty, index + 1 < chars.count, chars[index] == "=" else {
            throw .malformedParameter(offset: parameterStart)
        }
        let quote = chars[index + 1]
        guard quote == "\"" || quote == "'" else { throw .malformedParameter(offset: parameterStart) }
        var end = index + 2
        while end < chars.count, chars[end] != quote { end += 1 }
        guard end < chars.count else { throw .malformedParameter(offset: parameterStart) }
        let value = decodeEntities(String(String.UnicodeScalarView(chars[(index + 2)..<end])))
        return ((name, value), end + 1)
    }

    private static func makeParameter(_ attributes: [(String, String)], value: String, offset: Int) throws(GPObjectError) -> GPParameter {
        guard let name = attributes.first(where: { $0.0 == "name" })?.1 else { throw .malformedParameter(offset: offset) }
        return GPParameter(name: name, value: value, attributes: attributes.filter { $0.0 != "name" })
    }

    private static func find(_ needle: String, in chars: [Unicode.Scalar], from start: Int) -> Int? {
        let pattern = Array(needle.unicodeScalars)
        guard pattern.count <= chars.count else { return nil }
        var index = start
        while index + pattern.count <= chars.count {
            if chars[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    /// Decodes `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` and `&#N;`/`&#xN;`; anything else, a bare `&`
    /// included, is kept as it is.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let tail = rest[amp...]
            if let semicolon = tail.prefix(12).firstIndex(of: ";"),
               let decoded = decodeEntity(tail[tail.index(after: amp)..<semicolon]) {
                result.append(decoded)
                rest = tail[tail.index(after: semicolon)...]
            } else {
                result.append("&")
                rest = tail.dropFirst()
            }
        }
        return result + rest
    }

    private static func decodeEntity(_ name: Substring) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let code = digits.hasPrefix("x") || digits.hasPrefix("X")
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return code.flatMap(Unicode.Scalar.init).map(Character.init)
        }
    }
}
