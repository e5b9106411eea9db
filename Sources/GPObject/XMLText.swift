/// Escaping and unescaping of XML character data, lenient on input.
public enum XMLText {
    /// Escapes `&`, `<` and `>` for element text; quotes stay as they are, as in the field's
    /// documents. `keepingAmpersands` writes `&` bare, the way the field's GAS writes role texts.
    public static func escaped(_ text: String, keepingAmpersands: Bool = false) -> String {
        escaping(text, ampersands: !keepingAmpersands, quotes: false)
    }

    /// Escapes a value for a double-quoted attribute.
    public static func escapedAttribute(_ text: String) -> String {
        escaping(text, ampersands: true, quotes: true)
    }

    /// Works on Unicode scalars, not characters: a combining mark after `<`, `&` or `"` makes one
    /// character of the two, which would otherwise go out unescaped (and a quote so written ends
    /// the attribute early).
    private static func escaping(_ text: String, ampersands: Bool, quotes: Bool) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&" where ampersands: escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"" where quotes: escaped += "&quot;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Decodes the five predefined entities and numeric character references; anything else,
    /// a bare `&` included, stays as it is. Invalid UTF-8 becomes U+FFFD.
    public static func unescaped<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        let bytes = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&"), let (decoded, length) = reference(in: bytes, at: index) {
                output += decoded
                index += length
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let named: [(String, UInt8)] = [
        ("amp;", UInt8(ascii: "&")), ("lt;", UInt8(ascii: "<")), ("gt;", UInt8(ascii: ">")),
        ("quot;", UInt8(ascii: "\"")), ("apos;", UInt8(ascii: "'")),
    ]

    /// The bytes a reference at `start` (an `&`) stands for, and its length.
    private static func reference(in bytes: [UInt8], at start: Int) -> ([UInt8], Int)? {
        let rest = bytes[(start + 1)...]
        for (name, byte) in named where rest.starts(with: name.utf8) {
            return ([byte], name.utf8.count + 1)
        }
        guard rest.first == UInt8(ascii: "#"), let end = rest.prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
            return nil
        }
        var digits = String(decoding: bytes[(start + 2)..<end], as: UTF8.self)
        var radix = 10
        if digits.first == "x" || digits.first == "X" {
            digits.removeFirst()
            radix = 16
        }
        guard !digits.isEmpty, let value = UInt32(digits, radix: radix), let scalar = Unicode.Scalar(value) else {
            return nil
        }
        return (Array(String(Character(scalar)).utf8), end - start + 1)
    }
}
