import Simulator
import SmartCard
import Synchronization
import KioskShell

/// The demo's simulated reader: a trainer puts a persona's virtual card in and takes it out.
///
/// Each persona's card is made when the demo starts and keeps its passcode tries for as long as
/// the demo runs, as a real card would; it is powered off (verification forgotten) every time it
/// leaves the reader.
public final class DemoReader: CardConnector {
    /// The reader's name, as the screens show it.
    public static let name = "Demo reader"
    /// Every persona's card, in the walk-through's order.
    private let cards: [VirtualCardSlot]
    /// The index of the card in the reader, if any.
    private let current = Mutex<Int?>(nil)

    /// Makes the card of every persona.
    public init(personas: DemoPersonas) throws(VirtualCardError) {
        var cards: [VirtualCardSlot] = []
        for entry in personas.entries { cards.append(try VirtualCardSlot(persona: entry.persona)) }
        self.cards = cards
    }

    /// Puts the card of the persona at `index` in the reader; `false` if there is none.
    public func insert(persona index: Int) -> Bool {
        guard cards.indices.contains(index) else { return false }
        current.withLock { $0 = index }
        return true
    }

    /// Takes the card out; commands under way fail with ``CardError/removed``.
    public func remove() {
        let removed = current.withLock { $0.take() }
        removed.map { cards[$0].powerOff() }
    }

    public func connect(reader: String) throws(CardError) -> any CardConnection {
        guard reader == Self.name, let index = current.withLock({ $0 }) else { throw .removed }
        return DemoCardConnection(slot: cards[index], isInserted: { [self] in current.withLock { $0 == index } })
    }
}

/// A virtual card with the lock its commands need.
final class VirtualCardSlot: Sendable {
    private let card: Mutex<VirtualCard>

    init(persona: Persona) throws(VirtualCardError) { card = Mutex(try VirtualCard(persona: persona)) }

    func respond(to command: [UInt8]) -> [UInt8] { card.withLock { $0.respond(to: command) } }

    func powerOff() { card.withLock { $0.reset() } }
}

/// A connection to the card in the demo reader; it fails as soon as that card is taken out.
final class DemoCardConnection: CardConnection {
    private let slot: VirtualCardSlot
    private let isInserted: @Sendable () -> Bool

    init(slot: VirtualCardSlot, isInserted: @escaping @Sendable () -> Bool) {
        self.slot = slot
        self.isInserted = isInserted
    }

    func transmit(_ command: UnsafeRawBufferPointer) throws(CardError) -> [UInt8] {
        guard isInserted() else { throw .removed }
        return slot.respond(to: Array(command))
    }

    func close() { slot.powerOff() }
}
