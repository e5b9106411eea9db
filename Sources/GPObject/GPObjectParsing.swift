/// Why a body is not a usable gpOBJECT.
public enum GPObjectParseError: Error, Equatable, Sendable {
    /// No `<gpOBJECT` element: an HTML error page, JSON, an empty body…
    case notGPObject
    /// The document or a parameter stops before its closing tag.
    case truncated
}

extension GPObject {
    /// Reads a gpOBJECT leniently: what GAS answers, and what the simulator receives.
    ///
    /// Hand-written on purpose: servers in the field send a bare `&` inside values, which every
    /// XML parser (Foundation's, XMLCoder, SWXMLHash) rejects as not well-formed. This reads
    /// `<gpPARAM name="N" [attr="v"]*>VALUE</gpPARAM>` and nothing more: tag names match without
    /// regard to case, attribute values may be quoted either way or bare, entities are decoded
    /// where present, parameters without a name are skipped, everything between parameters is
    /// ignored.
    public init<Bytes: Collection<UInt8>>(parsing body: Bytes) throws(GPObjectParseError) {
        self = try GPObjectParser.parse(Array(body))
    }

    /// Reads a gpOBJECT from text; see ``init(parsing:)-(Bytes)``.
    public init(parsing text: String) throws(GPObjectParseError) {
        try self.init(parsing: text.utf8)
    }
}

enum GPObjectParser {
    typealias Failure = GPObjectParseError

    static func parse(_ bytes: [UInt8]) throws(Failure) -> GPObject {
        guard let open = find("<gpOBJECT", in: bytes, from: 0) else { throw .notGPObject }
        guard let close = find("</gpOBJECT", in: bytes, from: open) else { throw .truncated }
        var parameters: [GPObject.Parameter] = []
        var cursor = open
        while let start = find("<gpPARAM", in: bytes, from: cursor), start < close {
            let (parameter, next) = try readParameter(bytes, tagStart: start, limit: close)
            if let parameter { parameters.append(parameter) }
            cursor = next
        }
        return GPObject(parameters)
    }

    /// Reads one parameter element; returns it (nil if it has no name) and the index after it.
    private static func readParameter(
        _ bytes: [UInt8], tagStart: Int, limit: Int
    ) throws(Failure) -> (GPObject.Parameter?, Int) {
        var index = tagStart + "<gpPARAM".utf8.count
        guard index < limit, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: ">") || bytes[index] == UInt8(ascii: "/")
        else { return (nil, index) }  // some other element, e.g. <gpPARAMETERS>
        var attributes: [GPObject.Attribute] = []
        var selfClosing = false
        while true {
            while index < limit, isSpace(bytes[index]) { index += 1 }
            guard index < limit else { throw .truncated }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                break
            }
            if bytes[index] == UInt8(ascii: "/") {
                selfClosing = true
                index += 1
                continue
            }
            let (attribute, next) = readAttribute(bytes, from: index, limit: limit)
            guard next > index else { throw .truncated }
            if let attribute { attributes.append(attribute) }
            index = next
        }
        let name = attributes.first { $0.name == "name" }?.value
        attributes.removeAll { $0.name == "name" }
        var value = ""
        if !selfClosing {
            guard let end = find("</gpPARAM", in: bytes, from: index), end <= limit else { throw .truncated }
            value = XMLText.unescaped(bytes[index..<end])
            index = bytes[end...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? limit
        }
        guard let name else { return (nil, index) }
        return (GPObject.Parameter(name: name, value: value, attributes: attributes), index)
    }

    /// Reads `key="value"`, `key='value'`, `key=value` or a bare `key`; returns the index after it
    /// (`start` itself when a quoted value never closes).
    private static func readAttribute(_ bytes: [UInt8], from start: Int, limit: Int) -> (GPObject.Attribute?, Int) {
        var index = start
        while index < limit, !isSpace(bytes[index]), !"=>/".utf8.contains(bytes[index]) { index += 1 }
        let key = String(decoding: bytes[start..<index], as: UTF8.self)
        while index < limit, isSpace(bytes[index]) { index += 1 }
        guard index < limit, bytes[index] == UInt8(ascii: "=") else {
            return (key.isEmpty ? nil : GPObject.Attribute(name: key, value: ""), index)
        }
        index += 1
        while index < limit, isSpace(bytes[index]) { index += 1 }
        guard index < limit else { return (nil, index) }
        let quote = bytes[index]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            guard let end = bytes[(index + 1)..<limit].firstIndex(of: quote) else { return (nil, start) }
            return (GPObject.Attribute(name: key, value: XMLText.unescaped(bytes[(index + 1)..<end])), end + 1)
        }
        let valueStart = index
        while index < limit, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
        return (GPObject.Attribute(name: key, value: XMLText.unescaped(bytes[valueStart..<index])), index)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// The index of `needle` (ASCII, matched without regard to case) at or after `from`.
    static func find(_ needle: String, in bytes: [UInt8], from: Int) -> Int? {
        let pattern = Array(needle.lowercased().utf8)
        var index = from
        while index + pattern.count <= bytes.count {
            if matches(pattern, in: bytes, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// Whether `needle` (ASCII, matched without regard to case) stands at `index`.
    static func matches(_ needle: String, in bytes: [UInt8], at index: Int) -> Bool {
        matches(Array(needle.lowercased().utf8), in: bytes, at: index)
    }

    private static func matches(_ pattern: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        guard index + pattern.count <= bytes.count else { return false }
        for offset in pattern.indices where lowercase(bytes[index + offset]) != pattern[offset] {
            return false
        }
        return true
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }
}
