import Secrets
import Testing

@Suite struct SecretBufferTests {
    private func contents(_ buffer: SecretBuffer) -> [UInt8] { buffer.withUnsafeBytes { Array($0) } }

    @Test func holdsWhatIsTypedAndErases() {
        let buffer = SecretBuffer(capacity: 8)
        Array("1234".utf8).forEach(buffer.append)
        buffer.removeLast()
        #expect(contents(buffer) == Array("123".utf8))
        buffer.wipe()
        #expect(buffer.isEmpty)
        #expect(contents(buffer).isEmpty)
    }

    @Test func notesOverflowInsteadOfCutting() {
        let buffer = SecretBuffer(capacity: 8)
        for _ in 0..<10_000 { buffer.append(UInt8(ascii: "9")) }
        #expect(buffer.count == 8)
        #expect(buffer.overflowed)
        buffer.wipe()
        #expect(!buffer.overflowed)
    }

    @Test func wipeZeroesTheMemoryItself() {
        let buffer = SecretBuffer(capacity: 8)
        Array("secret12".utf8).forEach(buffer.append)
        let address = buffer.withUnsafeBytes { UnsafeRawPointer($0.baseAddress!) }
        buffer.wipe()
        let afterWipe = Array(UnsafeRawBufferPointer(start: address, count: 8))
        #expect(afterWipe == [UInt8](repeating: 0, count: 8))
    }
}
