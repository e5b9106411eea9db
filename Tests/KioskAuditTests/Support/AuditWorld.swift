import Foundation
import KioskProcessTestSupport
import PCSCTestSupport
import Testing

/// One test's world on a pcscd of its own: a private mount namespace with pcscd and its vpcd
/// readers (ports 36041/36042, named `Audit PCD`), and a ``Scenario`` whose kiosk runs in that
/// namespace. With `auditFolderSize`, the kiosk's audit folder is a tmpfs of that many bytes,
/// mounted in the namespace only. ``finish()`` ends every process it started.
final class AuditWorld: @unchecked Sendable {
    static let readerName = "Audit PCD"
    static let readerPort: UInt16 = 36041
    /// Nurse Amir Khan's card (one-role.json): one role, so a good sign-in needs no choice.
    static let card = "one-role"
    static let signedIn = "Signed in as Nurse Amir Khan"
    /// The lock screen's words while the audit file cannot be written.
    static let warning = "cannot write its audit log"

    let pcscd: PrivatePCSCD
    let scenario: Scenario

    init(_ name: String, auditFolderSize: Int? = nil) throws {
        pcscd = try PrivatePCSCD.startedBlocking(friendlyName: Self.readerName, readerPort: Self.readerPort)
        do {
            let reader = ReaderSetup(name: pcscd.firstReaderName, port: Self.readerPort, launcher: pcscd.namespaced([]))
            scenario = try Scenario("audit-\(name)", reader: reader) { [pcscd] workspace in
                if let size = auditFolderSize {
                    let folder = workspace.file("state/audit")
                    try Self.run(pcscd.namespaced(["sh", "-c", "mkdir -p \(folder) && mount -t tmpfs -o size=\(size),mode=0750 tmpfs \(folder)"]))
                }
                return ""
            }
        } catch {
            pcscd.shutDown()
            throw error
        }
    }

    var kiosk: KioskUnderTest { scenario.kiosk }
    var simulator: SimulatorProcess { scenario.simulator }
    /// The audit file as the kiosk sees it, in its namespace.
    var auditPath: String { pcscd.pathInNamespace(kiosk.auditPath) }

    /// The lines of the audit file at `path`, the empty one after the last newline included.
    static func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The records of the audit file at `path` (by default the kiosk's), each line parsed.
    func records(in path: String? = nil) -> [[String: Any]] {
        Self.lines(path ?? auditPath).compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// The names of the events in the audit file at `path`.
    func events(in path: String? = nil) -> [String] { records(in: path).compactMap { $0["event"] as? String } }

    /// The records of `event` once there are `count` of them, or as they are after `seconds`.
    @discardableResult
    func waitForAudit(_ event: String, count: Int = 1, seconds: Double = 20) -> [[String: Any]] {
        var found: [[String: Any]] = []
        _ = Poll.until(seconds: seconds) {
            found = records().filter { $0["event"] as? String == event }
            return found.count >= count
        }
        return found
    }

    /// Fills the audit tmpfs: the audit file padded with a record of the test's own to a whole
    /// page (so that no room is left at its end either), then zeros in another file until the
    /// file system is full.
    func fillAuditFolder() throws {
        let size = (try FileManager.default.attributesOfItem(atPath: auditPath)[.size] as? Int) ?? 0
        let (start, end) = (#"{"event":"test_padding","padding":""#, "\"}\n")
        var gap = 4096 - size % 4096
        if gap < start.utf8.count + end.utf8.count { gap += 4096 }
        let padding = start + String(repeating: "x", count: gap - start.utf8.count - end.utf8.count) + end
        let file = try FileHandle(forWritingTo: URL(filePath: auditPath))
        try file.seekToEnd()
        try file.write(contentsOf: Data(padding.utf8))
        try file.close()
        try Self.run(pcscd.namespaced(["sh", "-c", "dd if=/dev/zero of=\(kiosk.auditPath).filler bs=4096 2>/dev/null; true"]))
    }

    /// Frees the space ``fillAuditFolder()`` took.
    func freeAuditFolder() throws { try FileManager.default.removeItem(atPath: auditPath + ".filler") }

    /// The kiosk still runs (its shell has not printed its exit); the pane.
    @discardableResult
    func expectKioskRunning(_ comment: String = "") -> String {
        let pane = kiosk.capture()
        let errors = (try? String(contentsOfFile: scenario.workspace.file("kiosk.err"), encoding: .utf8)) ?? ""
        #expect(!pane.contains("KIOSK-EXIT"), "the kiosk ended \(comment): \(pane)\n\(errors)")
        return pane
    }

    func finish() {
        scenario.finish()
        pcscd.shutDown()
    }

    /// Runs `command` (program and arguments) and waits for it; throws unless it exits 0.
    static func run(_ command: [String]) throws {
        let process = Process()
        process.executableURL = URL(filePath: command[0])
        process.arguments = Array(command.dropFirst())
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw LifecycleError.failed("\(command) exited \(process.terminationStatus)") }
    }
}
