import CShims
import Glibc

/// A TUN device this process created: bare IP packets in and out, gone when the process ends.
final class TunDevice: Sendable {
    let name: String
    let descriptor: Int32

    init(named name: String) throws {
        let opened = cmc_open_tun(name)
        guard opened >= 0 else { throw SystemCallError("cannot create TUN device \(name) (ioctl TUNSETIFF)") }
        self.name = name
        descriptor = opened
    }

    /// Waits up to `milliseconds` for a packet to read; whether one is there.
    func waitForPacket(milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0 && entry.revents & Int16(POLLIN) != 0
    }

    /// The next packet, or `nil` when none is waiting (the descriptor does not block).
    func readPacket() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return Array(buffer[..<count])
    }

    /// Writes one packet; whether the kernel took it whole.
    func write(_ packet: [UInt8]) -> Bool {
        packet.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } == packet.count
    }
}
