/// One BER-TLV data object of ISO 7816-4, as PIV writes its data objects and templates: a tag of
/// one to three bytes, a definite length, the value.
struct BERTLV: Equatable {
    var tag: [UInt8]
    var value: [UInt8]

    init(_ tag: [UInt8], _ value: [UInt8]) {
        self.tag = tag
        self.value = value
    }

    /// A constructed object: the encodings of `children`, one after another.
    init(_ tag: [UInt8], containing children: [BERTLV]) {
        self.init(tag, children.flatMap(\.bytes))
    }

    /// The encoding: tag, length (one byte below 128, else `81 xx` or `82 xx xx`), value.
    var bytes: [UInt8] {
        let count = value.count
        let length: [UInt8] = switch count {
        case ..<0x80: [UInt8(count)]
        case ..<0x100: [0x81, UInt8(count)]
        default: [0x82, UInt8(count >> 8), UInt8(count & 0xFF)]
        }
        return tag + length + value
    }

    /// The objects that `bytes` holds one after another, or `nil` when they are not well formed.
    static func sequence(_ bytes: [UInt8]) -> [BERTLV]? {
        var objects: [BERTLV] = []
        var rest = bytes[...]
        while !rest.isEmpty {
            guard let tag = readTag(&rest), let count = readLength(&rest), count <= rest.count else { return nil }
            objects.append(BERTLV(tag, Array(rest.prefix(count))))
            rest = rest.dropFirst(count)
        }
        return objects
    }

    /// A first byte with all five tag bits set is followed by bytes that say "more" in bit 8.
    private static func readTag(_ bytes: inout ArraySlice<UInt8>) -> [UInt8]? {
        guard let first = bytes.popFirst() else { return nil }
        var tag = [first]
        guard first & 0x1F == 0x1F else { return tag }
        while let next = bytes.popFirst() {
            tag.append(next)
            if next & 0x80 == 0 { return tag.count <= 3 ? tag : nil }
        }
        return nil
    }

    private static func readLength(_ bytes: inout ArraySlice<UInt8>) -> Int? {
        guard let first = bytes.popFirst() else { return nil }
        guard first & 0x80 != 0 else { return Int(first) }
        let count = Int(first & 0x7F)
        guard (1...2).contains(count), bytes.count >= count else { return nil }
        let length = bytes.prefix(count).reduce(0) { $0 << 8 | Int($1) }
        bytes = bytes.dropFirst(count)
        return length
    }
}
