import Glibc
import KioskConfiguration
import KioskShell

/// `[session]`: whom the session command runs as. Without `user`, a warning: the command runs as
/// the kiosk's own user, which can signal the kiosk and write its audit file, in the home every
/// session shares. With it, the same checks as at start-up (file:line of a problem), plus what
/// can be seen without the kiosk's capabilities: `setpriv` and the homes' folder.
enum SessionCheck {
    static func findings(for configuration: KioskConfiguration, file: String) -> [DoctorFinding] {
        guard let session = configuration.session else { return [] }
        guard session.user != nil else {
            return [DoctorFinding(.warning, "session", "the session command runs as the kiosk's own user "
                + "(\(SessionIdentity.kioskUserName)), in the kiosk's HOME, shared by every session: it could signal "
                + "the kiosk or write its audit file. Set [session] user to a user of its own (docs/deployment.md)")]
        }
        let user: SessionUser
        do {
            guard let found = try SessionSetup.user(for: configuration, file: file) else { return [] }
            user = found
        } catch {
            return [DoctorFinding(.failed, "session", "\(error)")]
        }
        var findings: [DoctorFinding] = []
        if access(SessionIdentity.setpriv, X_OK) != 0 {
            findings.append(DoctorFinding(.failed, "session", "\(SessionIdentity.setpriv) is missing: install util-linux"))
        }
        // Run as root, the doctor is not the kiosk's user: the folder's owner is left unchecked.
        if let problem = SessionHomes.problem(with: user.homeBase, owner: geteuid() == 0 ? nil : geteuid()) {
            findings.append(DoctorFinding(.failed, "session", "\(problem); correct [session] home_base or the folder"))
        }
        guard findings.isEmpty else { return findings }
        let identity = user.identity
        return [DoctorFinding(.ok, "session", "the command runs as \(identity.name) (uid \(identity.uid), gid "
            + "\(identity.gid)) with no capabilities, in a fresh home in \(user.homeBase) for each session; the kiosk "
            + "needs CAP_SETUID CAP_SETGID CAP_KILL CAP_CHOWN CAP_DAC_OVERRIDE for it (the unit in deploy/ gives them)")]
    }
}
