import Glibc

/// A failed system call, said as the call, its subject and `strerror`.
struct SystemCallError: Error, CustomStringConvertible {
    let description: String

    /// The error of the last call, from `errno`.
    init(_ what: String) {
        description = "\(what): \(String(cString: strerror(errno)))"
    }

    init(message: String) { description = message }
}
