/// A `gpOBJECT` document, the body of every GAS request and response: a list of named
/// `gpPARAM` values, some with attributes.
public struct GPObject: Sendable, Equatable {
    /// One `<gpPARAM name="…" …>value</gpPARAM>`.
    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var value: String
        /// Attributes other than `name`, e.g. `id` and `orgcode` on role lines.
        public var attributes: [String: String]

        public init(name: String, value: String, attributes: [String: String] = [:]) {
            self.name = name
            self.value = value
            self.attributes = attributes
        }
    }

    public var parameters: [Parameter]

    public init(_ parameters: [Parameter]) {
        self.parameters = parameters
    }

    /// Reads a gpOBJECT leniently (see `GPObjectParser`): what GAS answers, and what a simulator
    /// receives.
    public init<Bytes: Collection<UInt8>>(parsing bytes: Bytes) throws(GPObjectParseError) {
        self = try GPObjectParser.parse(bytes)
    }

    /// The value of the first parameter called `name`.
    public subscript(name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// The document as GAS expects it, one element per line. `prolog` adds the XML declaration
    /// and DOCTYPE that the activation request carries.
    public func xml(prolog: Bool = false) -> String {
        var text = prolog ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE USER SYSTEM \"gpOBJECT.DTD\">\n" : ""
        text += "<gpOBJECT>\n"
        for parameter in parameters {
            text += "<gpPARAM name=\"\(XMLText.escape(parameter.name))\""
            for key in parameter.attributes.keys.sorted() {
                text += " \(key)=\"\(XMLText.escape(parameter.attributes[key] ?? ""))\""
            }
            text += ">\(XMLText.escape(parameter.value))</gpPARAM>\n"
        }
        return text + "</gpOBJECT>\n"
    }
}

/// Escaping and unescaping of XML character data, lenient on input.
enum XMLText {
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Decodes the five predefined entities and numeric character references; anything else,
    /// including a bare `&`, stays as it is.
    static func unescape<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
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
