import Foundation

/// A tmpfs of `size` bytes in a private mount namespace held by a sleeping process; reached from
/// this process, and from any other, through that process's `/proc/PID/root`. Nothing is mounted
/// on the machine. ``finish()`` ends the holder, and the tmpfs with it, and removes the folder.
final class PrivateTmpfs {
    private let holder = Process()
    /// Where the tmpfs is mounted in the holder's namespace: an empty folder on the machine.
    private let mountPoint = "/tmp/audit-tmpfs-\(UUID().uuidString.prefix(8))"
    /// The tmpfs's folder as this process reaches it.
    let folder: String

    init(size: Int) throws {
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let ready = Pipe()
        holder.executableURL = URL(filePath: "/usr/bin/unshare")
        holder.arguments = [
            "--mount", "--propagation", "private", "sh", "-c",
            "mount -t tmpfs -o size=\(size) tmpfs \(mountPoint) && echo ready && exec sleep 600",
        ]
        holder.standardOutput = ready
        try holder.run()
        let said = String(decoding: ready.fileHandleForReading.readData(ofLength: 6), as: UTF8.self)
        folder = "/proc/\(holder.processIdentifier)/root\(mountPoint)"
        guard said.hasPrefix("ready") else {
            finish()
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "the tmpfs could not be mounted"])
        }
    }

    /// Writes zeros to `name` until the file system is full.
    func fill(_ name: String) {
        let descriptor = open("\(folder)/\(name)", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0, count: 4096)
        while block.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }

    func finish() {
        if holder.isRunning { holder.terminate() }
        holder.waitUntilExit()
        try? FileManager.default.removeItem(atPath: mountPoint)
    }
}
