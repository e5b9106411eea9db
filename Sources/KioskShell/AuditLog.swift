import FoundationEssentials
import Glibc
import KioskCore
import Synchronization

/// The audit trail: one JSON object per line, each with a wall-clock timestamp in milliseconds
/// and the device id, appended to a file and, if asked, sent to syslog. It never carries a
/// passcode, ticket, cookie or hand-off URL: ``AuditEvent`` has no place for one, and every text
/// in a line is cut to ``AuditText/limit`` bytes.
///
/// A line that cannot be written (a full disk, an I/O error) is lost, never the kiosk: syslog
/// still gets it, and the watcher given to ``watchWritability(_:)`` hears that the file cannot
/// be written, then that it can again. ``reopen()`` opens the file at its path afresh, for
/// log rotation.
public final class AuditLog: Sendable {
    private let deviceID: String
    private let toSyslog: Bool
    /// Held while a line is written, so that lines never interleave.
    private let output: Mutex<Output>
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private struct Output {
        var file: AuditFile?
        /// A reopen asked for and not yet done: tried again before each line.
        var reopenPending = false
        /// Whether the last line reached the file at its path.
        var writable = true
        var watcher: (@Sendable (Bool) -> Void)?
    }

    /// Opens (creating if needed, `0640`) the file at `path` for appending; `nil` keeps no file.
    /// A file already there with more open permissions is narrowed to at most `0640`: other
    /// users (a session command's among them) may neither read nor write it.
    public init(path: String?, deviceID: String, syslog: Bool) throws(AuditLogError) {
        self.deviceID = deviceID
        self.toSyslog = syslog
        output = Mutex(Output(file: try path.map { path throws(AuditLogError) in try AuditFile(path: path) }))
        if syslog { openlog("cmc-kiosk", LOG_PID, LOG_AUTHPRIV) }
    }

    deinit {
        output.withLock { $0.file?.close() }
    }

    /// Calls `watcher` each time the file turns unwritable or writable again. It is called with
    /// the log's lock held, so that changes arrive in order: it must only hand the news on.
    public func watchWritability(_ watcher: @escaping @Sendable (Bool) -> Void) {
        output.withLock { $0.watcher = watcher }
    }

    /// Opens the file at its path afresh before the next line (after log rotation has renamed
    /// it); until it can be opened, lines still go to the file open before, and the file counts
    /// as unwritable. Safe from any thread; nothing is done in a signal handler.
    public func reopen() {
        output.withLock { output in
            guard output.file != nil else { return }
            output.reopenPending = true
            Self.reopenIfPending(&output)
        }
    }

    /// Writes one line for `event`.
    public func record(_ event: AuditEvent, at time: Date = Date()) {
        var fields: [String: AuditValue] = [
            "ts_ms": .number(Int((time.timeIntervalSince1970 * 1_000).rounded())),
            "device_id": .text(deviceID),
        ]
        fields.merge(Self.fields(of: event)) { _, new in new }
        guard let json = try? Self.encoder.encode(fields.mapValues(\.capped)) else { return }
        let line = Array(json) + [0x0A]
        output.withLock { output in
            if output.file != nil {
                Self.reopenIfPending(&output)
                let written = output.file?.append(line) == true
                Self.note(writable: written && !output.reopenPending, in: &output)
            }
            if toSyslog { String(decoding: json, as: UTF8.self).withCString { syslogLine($0) } }
        }
    }

    private static func reopenIfPending(_ output: inout Output) {
        guard output.reopenPending, let old = output.file, let new = try? AuditFile(path: old.path) else {
            if output.reopenPending { note(writable: false, in: &output) }
            return
        }
        old.close()
        output.file = new
        output.reopenPending = false
    }

    private static func note(writable: Bool, in output: inout Output) {
        guard writable != output.writable else { return }
        output.writable = writable
        output.watcher?(writable)
    }

    private func syslogLine(_ text: UnsafePointer<CChar>) {
        withVaList([text]) { vsyslog(LOG_NOTICE, "%s", $0) }
    }

    static func fields(of event: AuditEvent) -> [String: AuditValue] {
        switch event {
        case .cardInserted(let reader, let atr):
            ["event": "card_inserted", "reader": .text(reader), "atr": .text(hex(atr))]
        case .cardRemoved(let reader): ["event": "card_removed", "reader": .text(reader)]
        case .passcodeAccepted(let uid): ["event": "passcode_accepted", "uid": .text(uid)]
        case .passcodeRejected(let uid, let tries):
            ["event": "passcode_rejected", "uid": .text(uid), "tries_left": tries.map(AuditValue.number) ?? .text("unknown")]
        case .passcodeBlocked(let uid): ["event": "passcode_blocked", "uid": .text(uid)]
        case .spineAuthenticated(let uid, let roles):
            ["event": "spine_authenticated", "uid": .text(uid), "roles": .number(roles)]
        case .spineFailed(let uid, let failure):
            ["event": "spine_failed", "uid": .text(uid), "failure": .text(failure.auditName)]
        case .roleChosen(let uid, let roleID): ["event": "role_chosen", "uid": .text(uid), "role_id": .text(roleID)]
        case .sessionOpened(let uid, let roleID):
            ["event": "portal_session_opened", "uid": .text(uid), "role_id": .text(roleID)]
        case .sessionFailed(let uid, let failure):
            ["event": "portal_session_failed", "uid": .text(uid), "failure": .text(failure.auditName)]
        case .sessionEnded(let uid, let reason):
            ["event": "portal_session_ended", "uid": .text(uid), "reason": .text(reason)]
        case .sessionCommandStarted(let uid, let runAs):
            ["event": "session_command_started", "uid": .text(uid), "run_as": .text(runAs)]
        case .sessionCommandFailed(let uid, let reason):
            ["event": "session_command_failed", "uid": .text(uid), "reason": .text(reason)]
        case .sessionCommandStopped(let uid, let outcome, let containment):
            Self.stoppedFields(uid: uid, outcome: outcome, containment: containment)
        case .teardownComplete(let reason, let milliseconds, let retrying):
            ["event": "teardown_complete", "reason": .text(reason.rawValue), "latency_ms": .number(milliseconds),
             "logouts_retrying": .number(retrying)]
        }
    }

    private static func stoppedFields(
        uid: String, outcome: SessionCommandOutcome, containment: SessionContainmentMechanism
    ) -> [String: AuditValue] {
        var fields: [String: AuditValue] = [
            "event": "session_command_stopped", "uid": .text(uid), "containment": .text(containment.rawValue),
        ]
        switch outcome {
        case .stopped: fields["outcome"] = "stopped"
        case .killed: fields["outcome"] = "killed"
        case .processesLeft(let count):
            fields["outcome"] = "processes_left"
            fields["processes_left"] = .number(count)
        }
        return fields
    }

    /// Bytes as upper-case hex, two digits each.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }
}

/// A value of an audit line: text or a whole number.
enum AuditValue: Encodable, Equatable, ExpressibleByStringLiteral {
    case text(String)
    case number(Int)

    init(stringLiteral value: String) { self = .text(value) }

    /// The value with its text cut to ``AuditText/limit`` bytes.
    var capped: AuditValue {
        if case .text(let text) = self { .text(AuditText.capped(text)) } else { self }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        }
    }
}

extension KioskFailure {
    /// A stable name for the audit log, without the free text the user sees.
    var auditName: String {
        switch self {
        case .unsupportedCard: "unsupported_card"
        case .cardNotAllowed: "card_not_allowed"
        case .cardNotPersonalised: "card_not_personalised"
        case .unreadableCard: "unreadable_card"
        case .cardFailed: "card_failed"
        case .certificateExpired: "certificate_expired"
        case .certificateNotYetValid: "certificate_not_yet_valid"
        case .cardLocked: "card_locked"
        case .spineRefused(let code, _): "spine_refused:\(code)"
        case .spineUnreachable: "spine_unreachable"
        case .noRoles: "no_roles"
        case .uidNotRegistered: "uid_not_registered"
        case .noCMCRole: "no_cmc_role"
        case .ticketRejected: "invalid_ticket"
        case .portalBusy: "rate_limited"
        case .portalUnreachable: "portal_unreachable"
        case .portalRefused: "portal_refused"
        case .sessionEnded(let reason): "session_ended:\(reason.rawValue)"
        case .tlsFailure: "tls_failure"
        case .proxyRefused(_, let status, _): "proxy_refused:\(status)"
        case .proxyUnreachable: "proxy_unreachable"
        }
    }
}
