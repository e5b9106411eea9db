import KioskCore
@testable import TerminalUI
import Testing

/// The lock screen tells the operator, in plain words, while the audit file cannot be written.
@Suite("The audit warning")
struct AuditWarningTests {
    @Test func theLockScreenWarnsOnlyWhileTheAuditFileCannotBeWritten() {
        var state = ComposerTests.state(.locked)
        #expect(!ComposerTests.lines(state).contains { $0.contains("audit log") })
        state.auditLogWritable = false
        let lines = ComposerTests.lines(state)
        #expect(lines.contains { $0.contains("Insert your NHS smartcard") })
        #expect(lines.contains { $0.contains("This terminal cannot write its audit log: tell your IT service desk.") },
                "\(lines.joined(separator: "\n"))")
    }
}
