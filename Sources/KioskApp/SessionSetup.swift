import FoundationEssentials
import Glibc
import KioskConfiguration
import KioskShell

/// `[session] user` checked against this machine, as the kiosk does at start-up and the doctor
/// does: the user must exist, be unprivileged, and be none of the kiosk's own, so that it can
/// neither signal nor trace the kiosk, nor read its audit file.
public enum SessionSetup {
    /// The session user the configuration names, looked up; nil when it names none.
    /// - Throws: the problem as a start-up error naming `file` and the line of `user`.
    public static func user(for configuration: KioskConfiguration, file: String) throws(ConfigurationError) -> SessionUser? {
        guard let session = configuration.session, let user = session.user else { return nil }
        do throws(SessionUserProblem) {
            return try resolve(user.name, homeBase: session.homeBase, auditPath: configuration.audit.path)
        } catch {
            throw ConfigurationError(file: file, line: user.line, key: "session.user", message: error.message)
        }
    }

    /// The settings for the session command, with `user` (from ``user(for:file:)``).
    public static func settings(_ session: KioskConfiguration.Session, user: SessionUser?) -> SessionCommandSettings {
        SessionCommandSettings(
            command: session.command, logoutWhenCommandExits: session.logoutWhenCommandExits,
            needsTerminal: session.needsTerminal, user: user)
    }

    static func resolve(_ name: String, homeBase: String, auditPath: String?) throws(SessionUserProblem) -> SessionUser {
        guard let identity = SessionIdentity.lookUp(name) else {
            throw SessionUserProblem("there is no user \"\(name)\" on this machine: create it as the cmc-kiosk package does for cmc-session "
                + "(useradd --system --user-group --no-create-home --shell /usr/sbin/nologin \(name)), or correct the name")
        }
        guard identity.uid != 0 else {
            throw SessionUserProblem("\"\(name)\" is root: name an unprivileged user of its own")
        }
        guard identity.uid != geteuid() else {
            throw SessionUserProblem("\"\(name)\" is the kiosk's own user: name an unprivileged user of its own, "
                + "so that the command cannot signal the kiosk or write to its files")
        }
        let groups = identity.groups
        if groups.contains(getegid()) {
            throw SessionUserProblem("\"\(name)\" is in the kiosk's group (gid \(getegid())), which may read the audit file: "
                + "name a user with a group of its own (useradd --user-group)")
        }
        var audit = stat()
        if let auditPath, stat(auditPath, &audit) == 0, audit.st_mode & S_IRGRP != 0, groups.contains(audit.st_gid) {
            throw SessionUserProblem("\"\(name)\" is in the group (gid \(audit.st_gid)) that may read the audit file "
                + "\(auditPath): name a user outside it")
        }
        return SessionUser(identity: identity, homeBase: homeBase)
    }
}

/// What is wrong with the session user named, in plain words.
struct SessionUserProblem: Error {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
