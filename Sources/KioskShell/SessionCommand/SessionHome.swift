import CShims
import FoundationEssentials
import Glibc

/// A session's home: `HOME`, with `TMPDIR` inside it, both `0700` and the session user's.
struct SessionHome: Equatable, Sendable {
    /// The folder, `<base>/<16 random hex digits>`.
    let path: String

    var temporaryFolder: String { path + "/tmp" }

    /// The variables that tell the command where its home is and who it is; they replace the
    /// kiosk's own `HOME`.
    func environment(for identity: SessionIdentity) -> [String: String] {
        ["HOME": path, "TMPDIR": temporaryFolder, "USER": identity.name, "LOGNAME": identity.name]
    }
}

/// Why a session's home could not be made, or its folder cannot be used.
public struct SessionHomeError: Error, Equatable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }

    init(_ what: String, _ code: Int32) {
        description = "\(what): \(String(cString: strerror(code)))"
    }
}

/// The folder in which each session's home is made (`[session] home_base`), and the homes in it.
///
/// The folder is the kiosk's, `0711`: the session user can reach its home if it knows its name,
/// but cannot list, create, rename or remove anything in the folder, so a home's path cannot be
/// swapped for a symbolic link. A home is made by the kiosk with `mkdirat` in that folder and
/// handed over with `fchown` on a descriptor opened with `O_NOFOLLOW`, and is removed with
/// `rm -rf --one-file-system` (coreutils walks the tree with `openat`, never following a link
/// the session user left there) once no process of the user is left. Anything else in the
/// folder is a home left behind (a kiosk that crashed mid-session) and goes before a new one
/// is made.
public final class SessionHomes: Sendable {
    let base: String
    let identity: SessionIdentity

    init(base: String, identity: SessionIdentity) {
        self.base = base
        self.identity = identity
    }

    /// Makes the folder (`0711`) if it is not there and checks that the kiosk can use it: a
    /// real folder of the kiosk's own user, writable by nobody else, and reachable by the
    /// session user (every folder above it searchable by others).
    static func prepare(base: String) throws(SessionHomeError) {
        if let problem = problem(with: base, owner: geteuid()) { throw SessionHomeError(problem) }
        close(try openBase(base))
    }

    /// What would stop the kiosk, running as `owner`, from using `base`, without changing
    /// anything: a folder that is not one (or is a symbolic link), belongs to someone else, or
    /// lies in a folder the session user cannot pass through. A folder not there yet is made at
    /// start-up; open permissions are narrowed then.
    public static func problem(with base: String, owner: uid_t?) -> String? {
        var info = stat()
        if lstat(base, &info) == 0 {
            if info.st_mode & S_IFMT != S_IFDIR { return "\(base) is not a folder (a symbolic link is refused)" }
            if let owner, info.st_uid != owner { return "\(base) belongs to user \(info.st_uid), not to the kiosk's (\(owner))" }
        } else if errno != ENOENT {
            return "cannot look at \(base): \(String(cString: strerror(errno)))"
        }
        var folder = URL(filePath: base).deletingLastPathComponent()
        while folder.path != "/" {
            if stat(folder.path, &info) == 0, info.st_mode & S_IXOTH == 0 {
                return "the session user cannot reach \(base): \(folder.path) is not searchable by other users "
                    + "(mode \(String(info.st_mode & 0o7777, radix: 8)); the unit's StateDirectoryMode=0711 makes it so)"
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// The folder, opened without following a link; made first if it is not there.
    private static func openBase(_ base: String) throws(SessionHomeError) -> Int32 {
        var descriptor = open(base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if descriptor < 0, errno == ENOENT {
            try? FileManager.default.createDirectory(
                atPath: URL(filePath: base).deletingLastPathComponent().path, withIntermediateDirectories: true)
            if mkdir(base, 0o700) != 0, errno != EEXIST { throw SessionHomeError("cannot make \(base)", errno) }
            descriptor = open(base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        }
        guard descriptor >= 0 else {
            throw SessionHomeError("cannot open \(base) as a folder (a symbolic link is refused)", errno)
        }
        var info = stat()
        fstat(descriptor, &info)
        guard info.st_uid == geteuid() else {
            close(descriptor)
            throw SessionHomeError("\(base) belongs to user \(info.st_uid), not to the kiosk's (\(geteuid()))")
        }
        // Nobody else may write here; the session user may pass through to its home.
        if info.st_mode & 0o7777 != 0o711, fchmod(descriptor, 0o711) != 0 {
            let code = errno
            close(descriptor)
            throw SessionHomeError("cannot make \(base) mode 0711", code)
        }
        return descriptor
    }

    /// A new, empty home for one session, once every process of the session user has ended
    /// and nothing else is left in the folder.
    func make() throws(SessionHomeError) -> SessionHome {
        let folder = try Self.openBase(base)
        defer { close(folder) }
        guard identity.endEveryProcess() else {
            throw SessionHomeError("a process of \(identity.name) survived SIGKILL")
        }
        guard removeLeftovers() else { throw SessionHomeError("a home left by an earlier session could not be removed") }
        let name = Self.randomName()
        guard mkdirat(folder, name, 0o700) == 0 else { throw SessionHomeError("cannot make a home in \(base)", errno) }
        let home = SessionHome(path: base + "/" + name)
        do throws(SessionHomeError) {
            let descriptor = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { throw SessionHomeError("cannot open the new home", errno) }
            defer { close(descriptor) }
            // The kiosk's until both are made; then the session user's.
            guard mkdirat(descriptor, "tmp", 0o700) == 0 else { throw SessionHomeError("cannot make TMPDIR", errno) }
            let temporary = openat(descriptor, "tmp", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard temporary >= 0 else { throw SessionHomeError("cannot open TMPDIR", errno) }
            defer { close(temporary) }
            // The mode first: once the folder is the user's, only CAP_FOWNER could change it.
            for handle in [temporary, descriptor] {
                guard fchmod(handle, 0o700) == 0 else { throw SessionHomeError("cannot make the home mode 0700", errno) }
                guard fchown(handle, identity.uid, identity.gid) == 0 else {
                    throw SessionHomeError("cannot give the home to \(identity.name)", errno)
                }
            }
        } catch {
            remove(home)
            throw error
        }
        return home
    }

    /// Removes `home` and everything in it; whether it is gone. The session's processes must
    /// have ended: see ``retire(_:)``.
    @discardableResult
    func remove(_ home: SessionHome) -> Bool {
        Self.removeTrees([home.path])
        var info = stat()
        return lstat(home.path, &info) != 0 && errno == ENOENT
    }

    /// Ends every process of the session user still running (none should be, once the command's
    /// group is stopped; one that left the group would be), then removes `home`.
    @discardableResult
    func retire(_ home: SessionHome?) -> Bool {
        identity.endEveryProcess()
        guard let home else { return true }
        return remove(home)
    }

    /// Ends every process of the session user, then removes everything in the folder: what is
    /// left of sessions whose teardown never came (a kiosk that crashed). Whether the folder is
    /// now empty. Nothing in it is touched unless it is the kiosk's own, and not a link elsewhere.
    @discardableResult
    func removeLeftovers() -> Bool {
        identity.endEveryProcess()
        guard let folder = try? Self.openBase(base) else { return false }
        close(folder)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: base) else { return false }
        guard !entries.isEmpty else { return true }
        Self.removeTrees(entries.map { base + "/" + $0 })
        return (try? FileManager.default.contentsOfDirectory(atPath: base))?.isEmpty == true
    }

    /// 128 random bits in hex: a name nobody can guess.
    private static func randomName() -> String {
        var generator = SystemRandomNumberGenerator()
        let text = String(generator.next() as UInt64, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    /// `rm -rf --one-file-system -- paths`, waited for. coreutils' rm opens each folder with
    /// `openat` and `O_NOFOLLOW` and never follows a symbolic link inside the tree, so what the
    /// session user left there cannot point it elsewhere.
    private static func removeTrees(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for stream in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
            posix_spawn_file_actions_addopen(&actions, stream, "/dev/null", stream == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0)
        }
        cmc_spawn_add_closefrom(&actions, STDERR_FILENO + 1)
        let command: [String] = ["/bin/rm", "-rf", "--one-file-system", "--"] + paths
        let environment: [String] = ["PATH=/usr/bin:/bin", "LC_ALL=C"]
        let arguments = command.map { strdup($0) } + [nil]
        let variables = environment.map { strdup($0) } + [nil]
        defer { (arguments + variables).forEach { free($0) } }
        // The kiosk's own child, not an orphan a subreaper teardown would take for a session's.
        let thread = pid_t(cmc_thread_id())
        KioskChildren.willSpawn(onThread: thread)
        var pid = pid_t()
        let started = posix_spawn(&pid, "/bin/rm", &actions, nil, arguments, variables) == 0
        KioskChildren.didSpawn(onThread: thread, leader: started ? pid : nil)
        guard started else { return }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        KioskChildren.reaped(pid)
    }
}
