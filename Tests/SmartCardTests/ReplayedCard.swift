import SmartCard

/// A card that replays an input saved by `scripts/fuzz` (target fuzz-apdu), for the misbehaving
/// cards no real or virtual card imitates: each answer is a length byte and that many bytes;
/// once they are used up the card repeats its last answer, as a stuck card does.
final class ReplayedCard: CardTransport {
    private var script: ArraySlice<UInt8>
    private var lastAnswer: [UInt8]?
    /// Commands received so far.
    private(set) var exchanges = 0

    init(fuzzInput: [UInt8]) {
        script = fuzzInput[...]
    }

    func transmit(_ command: UnsafeRawBufferPointer) throws(CardError) -> [UInt8] {
        exchanges += 1
        if let length = script.popFirst() {
            lastAnswer = Array(script.prefix(Int(length)))
            script = script.dropFirst(Int(length))
        }
        guard let lastAnswer else { throw .removed }
        return lastAnswer
    }
}
