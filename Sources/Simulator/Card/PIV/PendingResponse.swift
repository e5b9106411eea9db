import SmartCard

/// An answer longer than the command's Le: what is left waits for GET RESPONSE, announced by
/// `61xx` (`xx` the bytes left, `00` for 256 or more).
struct PendingResponse {
    private var bytes: [UInt8] = []

    var isEmpty: Bool { bytes.isEmpty }

    /// The first `le` bytes of `data` (none without Le); the rest waits.
    mutating func answer(_ data: [UInt8], le: Int?) -> ResponseAPDU {
        bytes = data
        return next(le ?? 0)
    }

    /// GET RESPONSE: the next `wanted` bytes, or what is left when that is fewer.
    mutating func next(_ wanted: Int) -> ResponseAPDU {
        let chunk = Array(bytes.prefix(wanted))
        bytes.removeFirst(chunk.count)
        let status = bytes.isEmpty ? StatusWord.success : StatusWord(sw1: 0x61, sw2: UInt8(truncatingIfNeeded: min(bytes.count, 256)))
        return ResponseAPDU(data: chunk, status: status)
    }

    mutating func discard() { bytes = [] }
}
