import Foundation
import Simulator
import SmartCard

/// The demo's simulated reader: a trainer puts a persona's virtual card in and takes it out.
///
/// Each persona's card keeps its passcode tries for as long as the demo runs, as a real card
/// would; the card is powered off (verification forgotten) every time it leaves the reader.
public final class DemoReader: CardConnector, @unchecked Sendable {
    /// The reader's name, as the screens show it.
    public static let name = "Demo reader"
    private let lock = NSLock()
    private var cards: [String: VirtualCardSlot] = [:]
    private var current: VirtualCardSlot?

    public init() {}

    /// Puts the persona's card in the reader (its card from earlier, if it was in before).
    public func insert(_ persona: Persona, key: String) throws(VirtualCardError) {
        let slot: VirtualCardSlot
        if let known = lock.withLock({ cards[key] }) {
            slot = known
        } else {
            slot = VirtualCardSlot(card: try VirtualCard(persona: persona))
            lock.withLock { cards[key] = slot }
        }
        lock.withLock { current = slot }
    }

    /// Takes the card out; commands under way fail with ``CardError/removed``.
    public func remove() {
        lock.withLock {
            current?.powerOff()
            current = nil
        }
    }

    public func connect(reader: String) throws(CardError) -> any CardConnection {
        guard reader == Self.name, let slot = lock.withLock({ current }) else { throw .removed }
        return DemoCardConnection(slot: slot, reader: self)
    }

    func isInserted(_ slot: VirtualCardSlot) -> Bool { lock.withLock { current === slot } }
}

/// A virtual card with the lock its commands need.
final class VirtualCardSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var card: VirtualCard

    init(card: VirtualCard) { self.card = card }

    func respond(to command: [UInt8]) -> [UInt8] { lock.withLock { card.respond(to: command) } }

    func powerOff() { lock.withLock { card.reset() } }
}

/// A connection to the card in the demo reader; it fails as soon as that card is taken out.
final class DemoCardConnection: CardConnection {
    private let slot: VirtualCardSlot
    private let reader: DemoReader

    init(slot: VirtualCardSlot, reader: DemoReader) {
        self.slot = slot
        self.reader = reader
    }

    func transmit(_ command: UnsafeRawBufferPointer) throws(CardError) -> [UInt8] {
        guard reader.isInserted(slot) else { throw .removed }
        return slot.respond(to: Array(command))
    }

    func close() { slot.powerOff() }
}
