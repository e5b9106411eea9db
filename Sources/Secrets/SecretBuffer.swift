import Foundation
import Glibc

/// A small fixed-capacity buffer for a secret such as the passcode.
///
/// Its memory is locked into RAM (never swapped), never copied into a `String` or an `Array` by
/// this type, and zeroed by ``wipe()`` and when the buffer is freed. Bytes typed past the capacity
/// are not stored; ``overflowed`` records that there were some, so a too-long secret is refused
/// rather than silently cut. Safe to hand from one thread to another.
public final class SecretBuffer: @unchecked Sendable {
    public let capacity: Int
    private let base: UnsafeMutableRawPointer
    private let lock = NSLock()
    private var length = 0
    private var overflow = false

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
    public var count: Int { lock.withLock { length } }
    public var isEmpty: Bool { count == 0 }
    /// Whether more bytes were appended than fit since the last wipe.
    public var overflowed: Bool { lock.withLock { overflow } }

    /// Appends one byte, or notes the overflow when the buffer is full.
    public func append(_ byte: UInt8) {
        lock.withLock {
            guard length < capacity else {
                overflow = true
                return
            }
            base.storeBytes(of: byte, toByteOffset: length, as: UInt8.self)
            length += 1
        }
    }

    /// Erases the last byte, if any.
    public func removeLast() {
        lock.withLock {
            guard length > 0 else { return }
            length -= 1
            base.storeBytes(of: 0, toByteOffset: length, as: UInt8.self)
        }
    }

    /// Zeroes every byte and empties the buffer.
    public func wipe() {
        lock.withLock {
            explicit_bzero(base, capacity)
            length = 0
            overflow = false
        }
    }

    /// Lends the held bytes; the pointer must not escape `body`.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(UnsafeRawBufferPointer(start: base, count: length))
    }
}
