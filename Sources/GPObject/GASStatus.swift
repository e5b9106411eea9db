/// The answer of GAS role selection and logout (`spec/spine-gas.md` §4 and §5): a page whose
/// `STATUS` element says `OK`, or names what went wrong, e.g. `<HTML><STATUS>OK</STATUS></HTML>`.
public struct GASStatus: Sendable, Equatable {
    /// The element's text, entities decoded.
    public var value: String

    /// Whether GAS did what was asked: the status is `OK`, white space around it aside.
    public var isOK: Bool { value.split(whereSeparator: \.isWhitespace) == ["OK"] }

    /// Reads the first `STATUS` element outside comments, as leniently as ``GPObject`` reads its
    /// parameters: the tag name without regard to case, attributes ignored. Nil when the body has
    /// no complete `STATUS` element: an HTML error page, a gpOBJECT error, a cut answer…
    public init?<Bytes: Collection<UInt8>>(parsing body: Bytes) {
        let bytes = Array(body)
        guard let content = Self.content(in: bytes) else { return nil }
        value = XMLText.unescaped(bytes[content])
    }

    /// Where the first `STATUS` element's text is.
    private static func content(in bytes: [UInt8]) -> Range<Int>? {
        typealias Parser = GPObjectParser
        var cursor = 0
        while let open = bytes[cursor...].firstIndex(of: UInt8(ascii: "<")) {
            if Parser.matches("<!--", in: bytes, at: open) {
                guard let close = Parser.find("-->", in: bytes, from: open + 4) else { return nil }
                cursor = close + 3
                continue
            }
            cursor = open + 1
            guard Parser.matches("<STATUS", in: bytes, at: open) else { continue }
            let nameEnd = open + "<STATUS".utf8.count
            guard nameEnd < bytes.count else { return nil }
            guard Parser.isSpace(bytes[nameEnd]) || "/>".utf8.contains(bytes[nameEnd]) else { continue }  // <STATUSCODE>
            // Neither a later tag nor a later element can be complete if this one is not.
            guard let tagEnd = bytes[nameEnd...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
            if bytes[tagEnd - 1] == UInt8(ascii: "/") { return tagEnd..<tagEnd }  // <STATUS/>
            return Parser.find("</STATUS", in: bytes, from: tagEnd + 1).map { (tagEnd + 1)..<$0 }
        }
        return nil
    }
}
