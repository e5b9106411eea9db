import Foundation
import KioskCore
@testable import KioskShell
import Synchronization
import Testing

/// The audit writer against real files: a full tmpfs, a file renamed by log rotation, texts from
/// servers far longer than a line should be.
@Suite("audit log writer")
struct AuditLogTests {
    /// What the writer told its watcher, in order.
    final class Changes: Sendable {
        let seen = Mutex<[Bool]>([])
        var all: [Bool] { seen.withLock { $0 } }
        func watch(_ log: AuditLog) { log.watchWritability { writable in self.seen.withLock { $0.append(writable) } } }
    }

    private func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
    }

    private func records(_ path: String) -> [[String: Any]] {
        lines(path).filter { !$0.isEmpty }.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    private func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "audit-log-tests-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aFullFileSystemLosesLinesNotTheKioskAndLeavesOnlyWholeLines() throws {
        let tmpfs = try PrivateTmpfs(size: 16 * 1024)
        defer { tmpfs.finish() }
        let path = "\(tmpfs.folder)/audit.jsonl"
        let log = try AuditLog(path: path, deviceID: "full-disk", syslog: false)
        let changes = Changes()
        changes.watch(log)
        log.record(.cardInserted(reader: "Reader A", atr: [0x3B]))
        tmpfs.fill("filler")

        // The audit file's last page still has room for some lines; the one that does not fit
        // whole is cut off again, and every later one is lost.
        var recorded = 1
        while changes.all.isEmpty, recorded < 200 {
            log.record(.passcodeAccepted(uid: "555000000001"))
            recorded += 1
        }
        #expect(changes.all == [false], "told once that the file cannot be written")
        for _ in 0..<5 { log.record(.cardRemoved(reader: "Reader A")) }
        #expect(changes.all == [false], "told only once")
        let text = lines(path)
        #expect(text.last == "", "the file ends with a whole line")
        #expect(records(path).count == text.count - 1, "every line is a whole record: \(text.suffix(2))")
        #expect(records(path).count == recorded - 1, "every line but the one that did not fit")

        try FileManager.default.removeItem(atPath: "\(tmpfs.folder)/filler")
        log.record(.cardRemoved(reader: "Reader B"))
        #expect(changes.all == [false, true], "told that it can be written again")
        #expect(records(path).last?["reader"] as? String == "Reader B")
    }

    @Test func aRenamedFileIsReopenedAtItsPathWithMode0640() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/audit.jsonl"
        let log = try AuditLog(path: path, deviceID: "rotation", syslog: false)
        log.record(.cardInserted(reader: "before", atr: []))
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        log.record(.cardRemoved(reader: "after the rename"))
        log.reopen()
        log.record(.cardInserted(reader: "after the reopen", atr: []))

        #expect(records(path + ".1").compactMap { $0["reader"] as? String } == ["before", "after the rename"])
        #expect(records(path).compactMap { $0["reader"] as? String } == ["after the reopen"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }

    @Test func aReopenThatFailsKeepsTheOldFileWarnsAndIsTriedAgain() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/logs/audit.jsonl"
        let log = try AuditLog(path: path, deviceID: "rotation", syslog: false)
        let changes = Changes()
        changes.watch(log)
        // The folder is moved away and a plain file takes its name: the path cannot be opened.
        try FileManager.default.moveItem(atPath: "\(folder)/logs", toPath: "\(folder)/old")
        try Data().write(to: URL(filePath: "\(folder)/logs"))
        log.reopen()
        #expect(changes.all == [false])
        log.record(.cardInserted(reader: "kept in the old file", atr: []))
        #expect(records("\(folder)/old/audit.jsonl").compactMap { $0["reader"] as? String } == ["kept in the old file"])

        try FileManager.default.removeItem(atPath: "\(folder)/logs")
        log.record(.cardInserted(reader: "in the new file", atr: []))
        #expect(changes.all == [false, true])
        #expect(records(path).compactMap { $0["reader"] as? String } == ["in the new file"])
    }

    @Test func aServerTextOfNearlyOneMebibyteIsCutAtACharacterBoundary() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/audit.jsonl"
        let log = try AuditLog(path: path, deviceID: "long", syslog: false)
        let code = "E" + String(repeating: "É", count: 520_000)
        log.record(.spineFailed(uid: "555000000001", failure: .spineRefused(code: code, description: code)))

        let line = try #require(lines(path).first)
        #expect(line.utf8.count < 1024, "the line is short: \(line.utf8.count) bytes")
        let failure = try #require(records(path).first?["failure"] as? String)
        #expect(failure.utf8.count <= AuditText.limit)
        #expect(failure.hasPrefix("spine_refused:EÉÉ"))
        #expect(failure.hasSuffix("É" + AuditText.cutMarker), "cut between characters: \(failure.suffix(12))")
    }

    @Test func cuttingNeverSplitsACharacterAndLeavesShortTextsAlone() {
        #expect(AuditText.capped("short") == "short")
        let exact = String(repeating: "a", count: AuditText.limit)
        #expect(AuditText.capped(exact) == exact)
        // Four-byte characters from an odd offset: the cut falls before the one that would not fit.
        let capped = AuditText.capped("a" + String(repeating: "😀", count: 200))
        #expect(capped.utf8.count <= AuditText.limit)
        #expect(capped == "a" + String(repeating: "😀", count: 125) + AuditText.cutMarker)
    }

    @Test func controlCharactersFromAServerStayInsideOneLine() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/audit.jsonl"
        let log = try AuditLog(path: path, deviceID: "escapes", syslog: false)
        let reason = "one\ntwo\r\u{1B}[2J\u{07}\u{0}three"
        log.record(.sessionCommandFailed(uid: "555000000001", reason: reason))

        let bytes = try Data(contentsOf: URL(filePath: path))
        #expect(bytes.last == 0x0A && bytes.dropLast().allSatisfy { $0 >= 0x20 }, "no raw control byte but the line's end")
        #expect(records(path).first?["reason"] as? String == reason, "escaped, not lost")
    }
}
