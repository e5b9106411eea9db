import SmartCard

/// A card whose answers are the fuzzer's input, for where no real card can be: each answer is a
/// length byte and that many bytes (fewer at the end of the input). Once the input is used up
/// the card keeps giving its last answer, as a stuck card does; with no answer at all it is a
/// card pulled out.
final class FuzzedTransport: CardTransport {
    private var script: ArraySlice<UInt8>
    private var lastAnswer: [UInt8]?

    init(script: [UInt8]) {
        self.script = script[...]
    }

    func transmit(_ command: UnsafeRawBufferPointer) throws(CardError) -> [UInt8] {
        precondition((4...261).contains(command.count), "the kiosk sent a command that is not a short APDU")
        if let length = script.popFirst() {
            lastAnswer = Array(script.prefix(Int(length)))
            script = script.dropFirst(Int(length))
        }
        guard let lastAnswer else { throw .removed }
        return lastAnswer
    }
}
