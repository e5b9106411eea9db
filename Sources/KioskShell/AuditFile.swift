import FoundationEssentials
import Glibc

/// The audit file as plain POSIX calls: opened with `O_APPEND` at mode `0640` at most, written
/// with `write(2)` through interruptions and short writes. Nothing here traps: every failure is
/// a value.
struct AuditFile {
    let path: String
    let descriptor: Int32

    /// Opens (creating if needed, `0640`) the file at `path` for appending. A file already there
    /// with more open permissions is narrowed to at most `0640`: other users (a session
    /// command's among them) may neither read nor write it.
    init(path: String) throws(AuditLogError) {
        let folder = URL(filePath: path).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw AuditLogError(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & 0o7137 != 0, fchmod(descriptor, info.st_mode & 0o640) != 0 {
            let reason = "it is open to other users and cannot be made 0640: \(String(cString: strerror(errno)))"
            Glibc.close(descriptor)
            throw AuditLogError(path: path, reason: reason)
        }
        self.path = path
        self.descriptor = descriptor
    }

    func close() { _ = Glibc.close(descriptor) }

    /// Appends `bytes` whole, through interruptions and short writes; false on any other error
    /// (a full disk, an I/O error, a file too large). The part of a line written before a
    /// failure is cut off again, so that the file holds whole lines only.
    func append(_ bytes: [UInt8]) -> Bool {
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result > 0 {
                written += result
            } else if result < 0, errno == EINTR {
                continue
            } else {
                if written > 0 { cutOff(written) }
                return false
            }
        }
        return true
    }

    /// Removes the last `count` bytes, written by this process as the start of a line that
    /// could not be finished (`O_APPEND` leaves the offset at the end of the file).
    private func cutOff(_ count: Int) {
        let end = lseek(descriptor, 0, SEEK_END)
        if end >= count { _ = ftruncate(descriptor, end - off_t(count)) }
    }
}

/// The audit file could not be opened.
public struct AuditLogError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "cannot open the audit file \(path): \(reason)" }
}
