import Foundation

extension KioskUnderTest {
    /// The `cmc-kiosk` process: the child of the terminal's shell, once it runs.
    public func pid() -> pid_t? {
        guard let shell = tmux.panePID() else { return nil }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.first { pid in
            Self.parent(of: pid) == shell
                && (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.hasPrefix("cmc-kiosk") == true
        }
    }

    /// The parent of `pid` from `/proc/<pid>/stat`; `nil` if there is no such process.
    private static func parent(of pid: pid_t) -> pid_t? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? pid_t(fields[1]) : nil
    }
}
