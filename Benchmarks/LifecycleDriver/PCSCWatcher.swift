import CPCSCLite
import Foundation

/// The floor for removal latency: the least a program can do to learn of a card, one context on
/// one thread blocked in `SCardGetStatusChange` on one reader, timestamping every change of
/// `SCARD_STATE_PRESENT` / `SCARD_STATE_EMPTY` with the monotonic clock. pcscd looks at a vpcd
/// reader every 400 ms, so this is when *anyone* on the machine could first know.
public final class PCSCWatcher: @unchecked Sendable {
    /// One change the watcher saw.
    public struct Change: Sendable {
        public let nanoseconds: Int64
        public let present: Bool
    }

    private let readerName: String
    private let lock = NSLock()
    private var changes: [Change] = []
    private var context: SCARDCONTEXT = 0

    public init(readerName: String) throws {
        self.readerName = readerName
        guard SCardEstablishContext(DWORD(SCARD_SCOPE_SYSTEM), nil, nil, &context) == SCARD_S_SUCCESS else {
            throw BenchError.failed("pcscd is not reachable (SCardEstablishContext failed)")
        }
        let thread = Thread { [self] in watch() }
        thread.name = "bench-pcsc-watcher"
        thread.start()
    }

    /// The first change to `present` after `time`, waiting at most `seconds` for it.
    public func firstChange(toPresent present: Bool, after time: Int64, seconds: Double = 10) -> Int64? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            let found = lock.withLock { changes.first { $0.present == present && $0.nanoseconds >= time } }
            if let found { return found.nanoseconds }
            Thread.sleep(forTimeInterval: 0.005)
        } while Date() < deadline
        return nil
    }

    private func watch() {
        readerName.withCString { name in
            var state = SCARD_READERSTATE()
            state.szReader = name
            state.dwCurrentState = DWORD(SCARD_STATE_UNAWARE)
            while true {
                let result = SCardGetStatusChange(context, DWORD(INFINITE), &state, 1)
                let now = MonotonicClock.nanoseconds()
                guard result == SCARD_S_SUCCESS else {
                    if result == SCARD_E_TIMEOUT { continue }
                    FileHandle.standardError.write(Data("bench: the watcher stopped: 0x\(String(UInt32(truncatingIfNeeded: result), radix: 16))\n".utf8))
                    return
                }
                let event = state.dwEventState
                let before = state.dwCurrentState
                let wasPresent = before & DWORD(SCARD_STATE_PRESENT) != 0
                let isPresent = event & DWORD(SCARD_STATE_PRESENT) != 0
                // The first answer only tells the state as it is.
                if before != DWORD(SCARD_STATE_UNAWARE), wasPresent != isPresent {
                    lock.withLock { changes.append(Change(nanoseconds: now, present: isPresent)) }
                }
                state.dwCurrentState = event & ~DWORD(SCARD_STATE_CHANGED)
            }
        }
    }
}

/// `CLOCK_MONOTONIC`, the clock the kiosk's timing trace uses too.
public enum MonotonicClock {
    public static func nanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}

/// Nanoseconds as milliseconds.
public func milliseconds(_ nanoseconds: Int64) -> Double { Double(nanoseconds) / 1e6 }

/// A reason the run cannot go on, in one line.
public enum BenchError: Error, CustomStringConvertible {
    case failed(String)
    public var description: String { if case .failed(let text) = self { text } else { "" } }
}
