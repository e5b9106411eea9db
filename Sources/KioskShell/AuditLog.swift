import Foundation
import Glibc
import KioskCore

/// The audit trail: one JSON object per line, each with a wall-clock timestamp in milliseconds
/// and the device id, appended to a file and, if asked, sent to syslog. It never carries a
/// passcode, ticket, cookie or hand-off URL: ``AuditEvent`` has no place for one.
public final class AuditLog: @unchecked Sendable {
    private let deviceID: String
    private let file: FileHandle?
    private let toSyslog: Bool
    private let lock = NSLock()

    /// Opens (creating if needed) the file at `path` for appending; `nil` keeps no file.
    public init(path: String?, deviceID: String, syslog: Bool) throws {
        self.deviceID = deviceID
        self.toSyslog = syslog
        if let path {
            let url = URL(filePath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path),
               !FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o640]) {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
            let handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
            file = handle
        } else {
            file = nil
        }
        if syslog { openlog("cmc-kiosk", LOG_PID, LOG_AUTHPRIV) }
    }

    /// Writes one line for `event`.
    public func record(_ event: AuditEvent, at time: Date = Date()) {
        var fields: [String: Any] = [
            "ts_ms": Int64((time.timeIntervalSince1970 * 1_000).rounded()),
            "device_id": deviceID,
        ]
        fields.merge(Self.fields(of: event)) { _, new in new }
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return }
        let line = String(decoding: data, as: UTF8.self)
        lock.withLock {
            file?.write(Data((line + "\n").utf8))
            if toSyslog { line.withCString { syslogLine($0) } }
        }
    }

    private func syslogLine(_ text: UnsafePointer<CChar>) {
        withVaList([text]) { vsyslog(LOG_NOTICE, "%s", $0) }
    }

    static func fields(of event: AuditEvent) -> [String: Any] {
        switch event {
        case .cardInserted(let reader, let atr):
            ["event": "card_inserted", "reader": reader, "atr": atr.map { String(format: "%02X", $0) }.joined()]
        case .cardRemoved(let reader): ["event": "card_removed", "reader": reader]
        case .passcodeAccepted(let uid): ["event": "passcode_accepted", "uid": uid]
        case .passcodeRejected(let uid, let tries):
            ["event": "passcode_rejected", "uid": uid, "tries_left": tries]
        case .passcodeBlocked(let uid): ["event": "passcode_blocked", "uid": uid]
        case .spineAuthenticated(let uid, let roles):
            ["event": "spine_authenticated", "uid": uid, "roles": roles]
        case .spineFailed(let uid, let failure):
            ["event": "spine_failed", "uid": uid, "failure": failure.auditName]
        case .roleChosen(let uid, let roleID): ["event": "role_chosen", "uid": uid, "role_id": roleID]
        case .sessionOpened(let uid, let roleID):
            ["event": "portal_session_opened", "uid": uid, "role_id": roleID]
        case .sessionFailed(let uid, let failure):
            ["event": "portal_session_failed", "uid": uid, "failure": failure.auditName]
        case .sessionEnded(let uid, let reason):
            ["event": "portal_session_ended", "uid": uid, "reason": reason]
        case .sessionCommandStarted(let uid): ["event": "session_command_started", "uid": uid]
        case .sessionCommandFailed(let uid, let reason):
            ["event": "session_command_failed", "uid": uid, "reason": reason]
        case .sessionCommandStopped(let uid, .stopped):
            ["event": "session_command_stopped", "uid": uid, "outcome": "stopped"]
        case .sessionCommandStopped(let uid, .killed):
            ["event": "session_command_stopped", "uid": uid, "outcome": "killed"]
        case .sessionCommandStopped(let uid, .processesLeft(let count)):
            ["event": "session_command_stopped", "uid": uid, "outcome": "processes_left", "processes_left": count]
        case .teardownComplete(let reason, let milliseconds, let retrying):
            ["event": "teardown_complete", "reason": reason.rawValue, "latency_ms": milliseconds,
             "logouts_retrying": retrying]
        }
    }
}

extension KioskFailure {
    /// A stable name for the audit log, without the free text the user sees.
    var auditName: String {
        switch self {
        case .unsupportedCard: "unsupported_card"
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
        }
    }
}
