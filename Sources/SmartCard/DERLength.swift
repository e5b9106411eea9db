/// Reads the length of a DER element from its first bytes, to know how much of a file to read.
enum DERLength {
    /// The element's total length (tag, length and content), or `nil` while too few bytes are
    /// known or the header is not a definite length that fits in two bytes.
    static func totalLength(ofElementStartingWith bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        let first = bytes[1]
        if first < 0x80 { return 2 + Int(first) }
        let lengthBytes = Int(first & 0x7F)
        guard (1...2).contains(lengthBytes), bytes.count >= 2 + lengthBytes else { return nil }
        let content = bytes[2..<(2 + lengthBytes)].reduce(0) { $0 << 8 | Int($1) }
        return 2 + lengthBytes + content
    }
}
