import Glibc
import Synchronization

/// A small fixed-capacity buffer for a secret such as the passcode.
///
/// Its memory is locked into RAM (never swapped), never copied into a `String` or an `Array` by
/// this type, and zeroed by ``wipe()`` and when the buffer is freed. Bytes typed past the capacity
/// are not stored; ``overflowed`` records that there were some, so a too-long secret is refused
/// rather than silently cut. Safe to hand from one thread to another.
public final class SecretBuffer: Sendable {
    /// How much the memory holds.
    private struct Fill {
        var length = 0
        var overflow = false
    }

    public let capacity: Int
    /// The locked memory. `nonisolated(unsafe)`: it is read and written only under `fill`'s lock.
    private nonisolated(unsafe) let base: UnsafeMutableRawPointer
    private let fill = Mutex(Fill())

    public init(capacity: Int) {
        precondition(capacity > 0, "a secret buffer needs room")
        self.capacity = capacity
        base = .allocate(byteCount: capacity, alignment: 16)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: capacity)
        // Best effort: without CAP_IPC_LOCK the small default RLIMIT_MEMLOCK still covers this.
        _ = mlock(base, capacity)
    }

    deinit {
        explicit_bzero(base, capacity)
        _ = munlock(base, capacity)
        base.deallocate()
    }

    /// The number of bytes held.
    public var count: Int { fill.withLock { $0.length } }
    public var isEmpty: Bool { count == 0 }
    /// Whether more bytes were appended than fit since the last wipe.
    public var overflowed: Bool { fill.withLock { $0.overflow } }

    /// Appends one byte, or notes the overflow when the buffer is full.
    public func append(_ byte: UInt8) {
        fill.withLock { fill in
            guard fill.length < capacity else {
                fill.overflow = true
                return
            }
            base.storeBytes(of: byte, toByteOffset: fill.length, as: UInt8.self)
            fill.length += 1
        }
    }

    /// Erases the last byte, if any.
    public func removeLast() {
        fill.withLock { fill in
            guard fill.length > 0 else { return }
            fill.length -= 1
            base.storeBytes(of: 0, toByteOffset: fill.length, as: UInt8.self)
        }
    }

    /// Zeroes every byte and empties the buffer.
    public func wipe() {
        fill.withLock { fill in
            explicit_bzero(base, capacity)
            fill = Fill()
        }
    }

    /// Lends the held bytes; the pointer must not escape `body`. The buffer stays locked while
    /// `body` runs (a card command, for the passcode): callers on other threads that might wait
    /// for it go through the card's own queue instead.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try fill.withLock { fill throws(Failure) in
            try body(UnsafeRawBufferPointer(start: base, count: fill.length))
        }
    }
}
