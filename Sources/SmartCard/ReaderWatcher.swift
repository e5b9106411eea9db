import CPCSCLite
import Glibc

/// The monitor thread's loop: owns the context and what it knows of each reader.
struct ReaderWatcher {
    private struct ReaderStatus {
        /// The last event state pcscd reported, passed back as the current state of the next wait.
        var lastEventState: DWORD = DWORD(SCARD_STATE_UNAWARE)
        var cardPresent = false
    }

    private static let pnpReaderName = #"\\?PnP?\Notification"#
    /// Used when pcscd cannot report readers coming and going, so the list is looked at again.
    private static let pollingTimeout: DWORD = 1_000

    let filter: String
    let emit: @Sendable (ReaderEvent) -> Void
    private var context: PCSCContext?
    private var readers: [String: ReaderStatus] = [:]
    private var readerOrder: [String] = []
    private var pnpState = DWORD(SCARD_STATE_UNAWARE)
    private var pnpSupported = true
    private var serviceLost = false

    init(filter: String, emit: @escaping @Sendable (ReaderEvent) -> Void) {
        self.filter = filter
        self.emit = emit
    }

    mutating func run(monitor: ReaderMonitor) {
        while !monitor.isStopping {
            guard let context = connectedContext(monitor: monitor) else {
                monitor.pauseBeforeRetry()
                continue
            }
            do throws(PCSCError) {
                try synchronizeReaders(with: context.readerNames())
                try waitForChange(on: context)
            } catch .serviceUnavailable {
                loseService(monitor: monitor)
            } catch {
                // Cancelled, timed out or a reader vanished mid-wait: look at the readers again.
                continue
            }
        }
        monitor.adopt(nil)
        context?.release()
    }

    private mutating func connectedContext(monitor: ReaderMonitor) -> PCSCContext? {
        if let context { return context }
        guard let fresh = try? PCSCContext() else {
            if !serviceLost {
                serviceLost = true
                emit(.serviceUnavailable)
            }
            return nil
        }
        context = fresh
        monitor.adopt(fresh.cancellation)
        pnpState = DWORD(SCARD_STATE_UNAWARE)
        if serviceLost {
            serviceLost = false
            emit(.serviceRestored)
        }
        return fresh
    }

    private mutating func loseService(monitor: ReaderMonitor) {
        monitor.adopt(nil)
        context?.release()
        context = nil
        for name in readerOrder { forget(name) }
        if !serviceLost {
            serviceLost = true
            emit(.serviceUnavailable)
        }
    }

    private mutating func synchronizeReaders(with names: [String]) {
        let matching = names.filter { filter.isEmpty || $0.contains(filter) }
        for name in readerOrder where !matching.contains(name) { forget(name) }
        for name in matching where readers[name] == nil {
            readers[name] = ReaderStatus()
            readerOrder.append(name)
            emit(.readerAdded(name))
        }
    }

    private mutating func forget(_ name: String) {
        if readers[name]?.cardPresent == true { emit(.cardRemoved(reader: name)) }
        readers[name] = nil
        readerOrder.removeAll { $0 == name }
        emit(.readerRemoved(name))
    }

    private mutating func waitForChange(on context: PCSCContext) throws(PCSCError) {
        let names = readerOrder + [Self.pnpReaderName]
        let cNames = names.map { strdup($0) }
        defer { cNames.forEach { free($0) } }
        var states = zip(names, cNames).map { name, cName in
            var state = SCARD_READERSTATE()
            state.szReader = UnsafePointer(cName)
            state.dwCurrentState = name == Self.pnpReaderName ? pnpState : readers[name]?.lastEventState ?? 0
            return state
        }
        let timeout = pnpSupported ? DWORD(INFINITE) : Self.pollingTimeout
        try check(SCardGetStatusChange(context.handle, timeout, &states, DWORD(states.count)))
        for (name, state) in zip(names, states) {
            if name == Self.pnpReaderName {
                record(pnpEventState: state.dwEventState)
            } else {
                record(state, of: name)
            }
        }
    }

    private mutating func record(pnpEventState: DWORD) {
        if pnpEventState & DWORD(SCARD_STATE_UNKNOWN) != 0 {
            pnpSupported = false
        }
        pnpState = pnpEventState & ~DWORD(SCARD_STATE_CHANGED)
    }

    private mutating func record(_ state: SCARD_READERSTATE, of name: String) {
        guard var status = readers[name], state.dwEventState & DWORD(SCARD_STATE_CHANGED) != 0 else { return }
        let eventState = state.dwEventState
        let present = eventState & DWORD(SCARD_STATE_PRESENT) != 0
        let firstLook = status.lastEventState == DWORD(SCARD_STATE_UNAWARE)
        let counterMoved = Self.eventCount(of: eventState) != Self.eventCount(of: status.lastEventState)
        let atr = Self.atr(of: state)

        if status.cardPresent && (!present || (counterMoved && !firstLook)) {
            emit(.cardRemoved(reader: name))
            status.cardPresent = false
        }
        if present && !status.cardPresent {
            emit(.cardInserted(reader: name, atr: atr))
            status.cardPresent = true
        }
        status.lastEventState = eventState & ~DWORD(SCARD_STATE_CHANGED)
        readers[name] = status
    }

    /// pcscd counts insertions and removals in the upper 16 bits of a reader's event state.
    private static func eventCount(of eventState: DWORD) -> DWORD { (eventState >> 16) & 0xFFFF }

    private static func atr(of state: SCARD_READERSTATE) -> [UInt8] {
        withUnsafeBytes(of: state.rgbAtr) { Array($0.prefix(min(Int(state.cbAtr), $0.count))) }
    }
}
