import Glibc

/// One process as `/proc/<pid>/stat` shows it: enough to follow its ancestry and to know it again.
struct ProcessEntry: Hashable, Sendable {
    let pid: pid_t
    let parent: pid_t
    /// `R`, `S`, `D`, `T`, `Z` (zombie), ...
    let state: Character
    /// Clock ticks after boot at which it started: with the pid, it names one process for good,
    /// whereas a pid alone may be reused once the process is reaped.
    let startTime: UInt64

    var identity: ProcessIdentity { ProcessIdentity(pid: pid, startTime: startTime) }
    /// Whether it has ended (a zombie, waiting to be reaped, or on its way out).
    var hasEnded: Bool { state == "Z" || state == "X" }

    /// The process `pid` is now, or `nil` when there is none.
    static func read(_ pid: pid_t) -> ProcessEntry? {
        guard let stat = ProcFiles.read("/proc/\(pid)/stat"), let end = stat.lastIndex(of: ")") else { return nil }
        // After the command's name, in parentheses: state, ppid, pgrp, ... starttime is the 20th.
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 19, let state = fields[0].first, let parent = pid_t(fields[1]),
              let startTime = UInt64(fields[19])
        else { return nil }
        return ProcessEntry(pid: pid, parent: parent, state: state, startTime: startTime)
    }
}

/// A process for good: its pid and start time.
struct ProcessIdentity: Hashable, Sendable {
    let pid: pid_t
    let startTime: UInt64
}

/// Every process on the machine at one moment, and who descends from whom.
struct ProcessTree {
    let entries: [ProcessEntry]
    private let children: [pid_t: [ProcessEntry]]

    init() {
        entries = ProcFiles.processIDs().compactMap(ProcessEntry.read)
        children = Dictionary(grouping: entries, by: \.parent)
    }

    /// The processes whose parent is `pid`.
    func children(of pid: pid_t) -> [ProcessEntry] { children[pid] ?? [] }

    /// `roots` and everything below them, each once.
    func descendants(of roots: [ProcessEntry]) -> [ProcessEntry] {
        var found: [ProcessEntry] = []
        var seen = Set<pid_t>()
        var queue = roots
        while let next = queue.popLast() {
            guard seen.insert(next.pid).inserted else { continue }
            found.append(next)
            queue += children(of: next.pid)
        }
        return found
    }
}
