import Foundation
import Glibc
import Simulator

/// The card's side of the vsmartcard vpcd protocol: a TCP connection to pcscd's vpcd driver,
/// carrying messages of a 2-byte big-endian length and a payload. A 1-byte payload is a control
/// message (0 power off, 1 power on, 2 reset, 4 get ATR); a longer one is an APDU to answer.
/// Closing the connection is pulling the card out.
final class VPCDLink {
    private let socket: Int32

    private init(socket: Int32) { self.socket = socket }

    deinit { close(socket) }

    static func connect(host: String, port: UInt16) throws -> VPCDLink {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var addresses: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &addresses) == 0, let first = addresses else {
            throw VPCDError.cannotConnect(host: host, port: port, reason: "unknown host")
        }
        defer { freeaddrinfo(addresses) }
        var reason = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            let fd = Glibc.socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            if fd >= 0 {
                if Glibc.connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 {
                    var noDelay: Int32 = 1
                    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
                    return VPCDLink(socket: fd)
                }
                reason = String(cString: strerror(errno))
                close(fd)
            }
            candidate = address.pointee.ai_next
        }
        throw VPCDError.cannotConnect(host: host, port: port, reason: reason)
    }

    /// Answers the reader until it hangs up, or standard input reaches its end.
    func serve<Card: VPCDCard>(card: Card, faults: CardFaults?) throws {
        var card = card
        var watchers = [
            pollfd(fd: socket, events: Int16(POLLIN), revents: 0),
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            guard poll(&watchers, nfds_t(watchers.count), -1) >= 0 else {
                if errno == EINTR { continue }
                throw VPCDError.io(String(cString: strerror(errno)))
            }
            if watchers[1].revents != 0 && standardInputEnded() { return }
            guard watchers[0].revents != 0 else { continue }
            guard let message = try receive() else { return }
            if message.count == 1 {
                switch message[0] {
                case 0, 1, 2: card.reset()
                case 4: try send(Card.atr)
                default: break
                }
            } else {
                if let name = Card.commandName(of: message), let delay = faults?.delayMilliseconds?[name] {
                    // Said before the wait, so that a test can pull the card in the middle of it.
                    FileHandle.standardError.write(Data("cmc-vcard: delaying \(name) by \(delay) ms\n".utf8))
                    usleep(UInt32(delay) * 1_000)
                }
                try send(card.respond(to: message))
            }
        }
    }

    private func standardInputEnded() -> Bool {
        var scratch = [UInt8](repeating: 0, count: 256)
        return read(STDIN_FILENO, &scratch, scratch.count) <= 0
    }

    /// The next message's payload, or `nil` when the reader closed the connection.
    private func receive() throws -> [UInt8]? {
        guard let header = try receive(count: 2) else { return nil }
        let length = Int(header[0]) << 8 | Int(header[1])
        return try receive(count: length)
    }

    private func receive(count: Int) throws -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { recv(socket, $0.baseAddress! + filled, count - filled, 0) }
            if got == 0 { return nil }
            if got < 0 {
                if errno == EINTR { continue }
                if errno == ECONNRESET { return nil }
                throw VPCDError.io(String(cString: strerror(errno)))
            }
            filled += got
            acknowledgeAtOnce()
        }
        return bytes
    }

    /// The vpcd driver in pcscd writes a message's length and its payload separately, with
    /// Nagle's algorithm on: the payload waits for the length's ACK, which Linux would delay by
    /// 40 ms. Asking for quick ACKs (Linux resets the flag after a while, so after every read)
    /// takes those 40 ms off every APDU.
    private func acknowledgeAtOnce() {
        var quick: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_QUICKACK, &quick, socklen_t(MemoryLayout<Int32>.size))
    }

    private func send(_ payload: [UInt8]) throws {
        let message = [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)] + payload
        var sent = 0
        while sent < message.count {
            let wrote = message.withUnsafeBytes { Glibc.send(socket, $0.baseAddress! + sent, message.count - sent, Int32(MSG_NOSIGNAL)) }
            if wrote < 0 {
                if errno == EINTR { continue }
                throw VPCDError.io(String(cString: strerror(errno)))
            }
            sent += wrote
        }
    }
}

enum VPCDError: Error, CustomStringConvertible {
    case cannotConnect(host: String, port: UInt16, reason: String)
    case io(String)

    var description: String {
        switch self {
        case .cannotConnect(let host, let port, let reason):
            "no vpcd reader at \(host):\(port) (\(reason)): is pcscd running with vsmartcard-vpcd installed?"
        case .io(let reason):
            "the connection to the vpcd reader failed: \(reason)"
        }
    }
}
