import CPCSCLite

/// One PC/SC resource-manager context.
///
/// pcsc-lite serialises every call on a context, so a context belongs to one thread: only
/// ``cancellation`` may be handed to another thread, to interrupt a wait.
final class PCSCContext {
    let handle: SCARDCONTEXT
    private var released = false

    init() throws(PCSCError) {
        var context: SCARDCONTEXT = 0
        try check(SCardEstablishContext(DWORD(SCARD_SCOPE_SYSTEM), nil, nil, &context))
        handle = context
    }

    deinit { release() }

    /// Releases the context; calls after this fail with ``PCSCError/serviceUnavailable``.
    func release() {
        guard !released else { return }
        released = true
        _ = SCardReleaseContext(handle)
    }

    /// A handle that cancels this context's wait from any thread.
    var cancellation: PCSCCancellation { PCSCCancellation(context: handle) }

    /// The names of the readers pcscd knows now; empty when there are none.
    func readerNames() throws(PCSCError) -> [String] {
        var length: DWORD = 0
        let sizing = SCardListReaders(handle, nil, nil, &length)
        if sizing == SCARD_E_NO_READERS_AVAILABLE { return [] }
        try check(sizing)
        var buffer = [CChar](repeating: 0, count: Int(length))
        let listing = SCardListReaders(handle, nil, &buffer, &length)
        if listing == SCARD_E_NO_READERS_AVAILABLE { return [] }
        try check(listing)
        return Self.splitMultiString(buffer)
    }

    /// Splits a PC/SC multi-string (names separated by NUL, ended by two NULs).
    static func splitMultiString(_ buffer: [CChar]) -> [String] {
        buffer.split(separator: 0).map { chars in
            String(decoding: chars.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}

/// Cancels a blocking `SCardGetStatusChange` on a context owned by another thread.
struct PCSCCancellation: Sendable {
    let context: SCARDCONTEXT

    func cancel() { _ = SCardCancel(context) }
}
