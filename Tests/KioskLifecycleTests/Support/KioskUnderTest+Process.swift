import Foundation
import KioskProcessTestSupport

extension KioskUnderTest {
    /// The `cmc-kiosk` process: the child of the terminal's shell, once it runs.
    func pid() -> pid_t? {
        guard let shell = tmux.panePID() else { return nil }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.first { pid in
            ProcessProbe.parent(of: pid) == shell
                && (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.hasPrefix("cmc-kiosk") == true
        }
    }
}
