import Foundation
import Glibc

/// A process's resident set by what is mapped, from `/proc/PID/smaps`.
enum ResidentSet {
    /// The `Rss` of `pid`'s mappings in kB, summed per mapped file (by its name), with the heap,
    /// the stack and anonymous memory as rows of their own: `[heap]`, `[stack]`, `[anonymous]`.
    static func byMapping(pid: pid_t) -> [String: Int] {
        // Read to the end: `String(contentsOfFile:)` stops after the first read of a /proc file.
        guard let data = FileHandle(forReadingAtPath: "/proc/\(pid)/smaps").flatMap({ try? $0.readToEnd() }) else { return [:] }
        return byMapping(smaps: String(decoding: data, as: UTF8.self))
    }

    /// The same from the text of a `smaps` file.
    static func byMapping(smaps: String) -> [String: Int] {
        var totals: [String: Int] = [:]
        var mapping = "[anonymous]"
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard let first = fields.first else { continue }
            if first.hasSuffix(":") {
                if first == "Rss:", fields.count > 1, let kilobytes = Int(fields[1]) { totals[mapping, default: 0] += kilobytes }
            } else {
                // A mapping's header: address range, permissions, offset, device, inode, pathname.
                let path = fields.count > 5 ? fields[5].trimmingCharacters(in: .whitespaces) : ""
                mapping = path.isEmpty ? "[anonymous]" : path.hasPrefix("/") ? URL(filePath: path).lastPathComponent : path
            }
        }
        return totals
    }
}
