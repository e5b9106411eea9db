import SmartCard

/// ISO 7816-4 command chaining: commands with CLA `10` carry the first parts of one command's
/// data, and the next command without the chaining bit carries the last part. The card drops
/// the parts when any other command comes between.
struct CommandChain {
    /// The most data one chained command may carry.
    static let maximumLength = 4_096

    private var data: [UInt8] = []

    /// `.partial` for a part the card acknowledges, `.complete` with the whole data for the last,
    /// `.tooLong` (and the parts dropped) past ``maximumLength``.
    mutating func add(_ command: CommandAPDU) -> Outcome {
        data += command.data
        guard data.count <= Self.maximumLength else {
            reset()
            return .tooLong
        }
        guard command.cla & 0x10 == 0 else { return .partial }
        defer { reset() }
        return .complete(data)
    }

    mutating func reset() { data = [] }

    enum Outcome: Equatable {
        case partial
        case complete([UInt8])
        case tooLong
    }
}
