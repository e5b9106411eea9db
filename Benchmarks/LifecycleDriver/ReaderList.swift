import CPCSCLite

/// The readers pcscd has now.
enum ReaderList {
    /// Their names, in pcscd's order.
    static func names() throws -> [String] {
        var context: SCARDCONTEXT = 0
        guard SCardEstablishContext(DWORD(SCARD_SCOPE_SYSTEM), nil, nil, &context) == SCARD_S_SUCCESS else {
            throw BenchError.failed("pcscd is not reachable (SCardEstablishContext failed)")
        }
        defer { SCardReleaseContext(context) }
        var length: DWORD = 0
        guard SCardListReaders(context, nil, nil, &length) == SCARD_S_SUCCESS else { return [] }
        var buffer = [CChar](repeating: 0, count: Int(length))
        guard SCardListReaders(context, nil, &buffer, &length) == SCARD_S_SUCCESS else { return [] }
        // A multi-string: names ended by NUL, the list by one more.
        return buffer.split(separator: 0).map { String(decoding: $0.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    }
}
