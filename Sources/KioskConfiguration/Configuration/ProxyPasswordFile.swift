import Glibc
import Secrets

extension KioskConfiguration.Proxy.Credentials {
    /// The longest password taken, in bytes.
    public static let passwordLimit = 256

    /// Reads `proxy_password_file` once, at start-up, into locked memory. The file must be a
    /// regular file (not a symbolic link) readable by its owner only, owned by `owner` (the
    /// kiosk's user; nil skips that check, for the doctor run as root), holding the password on
    /// one line (a final newline is dropped). A problem names `configurationFile`, the key's line
    /// and the password file, never anything of its contents.
    public func readPassword(configurationFile: String, owner: uid_t?) throws(ConfigurationError) -> SecretBuffer {
        func refuse(_ problem: String) -> ConfigurationError {
            ConfigurationError(
                file: configurationFile, line: passwordFileLine, key: "network.proxy_password_file",
                message: "\(passwordFile) \(problem)")
        }
        let descriptor = open(passwordFile, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT: throw refuse("does not exist")
            case ELOOP: throw refuse("is a symbolic link: name the file itself")
            default: throw refuse("cannot be opened: \(String(cString: strerror(errno)))")
            }
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw refuse("is not a regular file")
        }
        if let owner, status.st_uid != owner {
            throw refuse("belongs to uid \(status.st_uid), not to the kiosk's user (uid \(owner)): chown it to that user")
        }
        let mode = status.st_mode & 0o7777
        guard mode & 0o077 == 0 else {
            throw refuse("can be read by others (mode \(octal(mode))): make it readable only by the kiosk's user (chmod 600)")
        }
        return try read(descriptor, refuse: refuse)
    }

    /// The bytes, through a buffer that is zeroed before it is freed.
    private func read(
        _ descriptor: Int32, refuse: (String) -> ConfigurationError
    ) throws(ConfigurationError) -> SecretBuffer {
        let room = Self.passwordLimit + 3  // the limit, a CR LF, and one byte to see an overflow
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: room, alignment: 16)
        defer {
            explicit_bzero(buffer, room)
            buffer.deallocate()
        }
        var count = 0
        while count < room {
            let got = Glibc.read(descriptor, buffer + count, room - count)
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { throw refuse("cannot be read: \(String(cString: strerror(errno)))") }
            if got == 0 { break }
            count += got
        }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: count)
        var length = count
        if length > 0, bytes[length - 1] == 0x0A { length -= 1 }
        if length > 0, bytes[length - 1] == 0x0D { length -= 1 }
        guard length > 0 else { throw refuse("is empty: write the proxy's password in it") }
        guard length <= Self.passwordLimit else {
            throw refuse("holds more than \(Self.passwordLimit) bytes: it should hold only the proxy's password")
        }
        guard !bytes[..<length].contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x00 }) else {
            throw refuse("must hold the password on one line, and nothing else")
        }
        let password = SecretBuffer(capacity: Self.passwordLimit)
        bytes[..<length].forEach(password.append)
        return password
    }

    private func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
