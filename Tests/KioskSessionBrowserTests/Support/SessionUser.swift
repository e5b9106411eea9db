import Foundation
import KioskProcessTestSupport

/// The unprivileged user the browser runs as, and what it needs to read.
enum SessionUser {
    /// Creates the system user unless it exists (`scripts/setup` makes it too).
    static func ensure(_ name: String) throws {
        guard getpwnam(name) == nil else { return }
        let made = try Spawned.run("/usr/sbin/useradd", ["--system", "--user-group", "--no-create-home", "--shell",
                                                          "/usr/sbin/nologin", name], logPrefix: "/tmp/useradd-\(name)")
        guard made.status == 0, getpwnam(name) != nil else {
            throw LifecycleError.failed("useradd \(name) failed: \(made.stderr)")
        }
    }

    /// A folder in the workspace every user may read, with the simulator's CA in it as `ca.pem`;
    /// the workspace and its parents are made passable (0711) for the session user.
    static func readableFolder(in workspace: Workspace) throws -> String {
        let folder = workspace.file("shared")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: ServerPKI.shared.caPath, toPath: folder + "/ca.pem")
        var path = URL(filePath: folder)
        while path.path != "/" {
            var status = stat()
            if stat(path.path, &status) == 0, status.st_mode & 0o011 != 0o011 {
                chmod(path.path, (status.st_mode & 0o7777) | 0o011)
            }
            path = path.deletingLastPathComponent()
        }
        chmod(folder, 0o755)
        chmod(folder + "/ca.pem", 0o644)
        return folder
    }
}
