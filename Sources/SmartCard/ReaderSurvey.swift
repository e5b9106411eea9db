import CPCSCLite
import Glibc

/// A reader as pcscd reports it at one moment, with the answer to reset of the card in it.
public struct ReaderSnapshot: Equatable, Sendable {
    public let name: String
    /// The card's ATR; nil when the reader is empty.
    public let atr: [UInt8]?

    public init(name: String, atr: [UInt8]?) {
        self.name = name
        self.atr = atr
    }
}

/// A one-off look at pcscd: is it there, which readers does it know, which hold a card. It
/// establishes a context of its own and releases it before returning, waiting for nothing.
public enum ReaderSurvey {
    /// The readers pcscd knows now, in its order; empty when there are none.
    public static func take() throws(PCSCError) -> [ReaderSnapshot] {
        let context = try PCSCContext()
        defer { context.release() }
        let names = try context.readerNames()
        guard !names.isEmpty else { return [] }
        let cNames = names.map { strdup($0) }
        defer { cNames.forEach { free($0) } }
        // Every state "unaware": pcscd answers at once with each reader's present state.
        var states = cNames.map { cName in
            var state = SCARD_READERSTATE()
            state.szReader = UnsafePointer(cName)
            state.dwCurrentState = DWORD(SCARD_STATE_UNAWARE)
            return state
        }
        try check(SCardGetStatusChange(context.handle, 0, &states, DWORD(states.count)))
        return zip(names, states).map { name, state in
            let present = state.dwEventState & DWORD(SCARD_STATE_PRESENT) != 0
            let atr = withUnsafeBytes(of: state.rgbAtr) { Array($0.prefix(min(Int(state.cbAtr), $0.count))) }
            return ReaderSnapshot(name: name, atr: present ? atr : nil)
        }
    }
}
