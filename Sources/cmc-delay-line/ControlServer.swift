import Foundation
import Synchronization
import SystemThreads

/// The control socket: a Unix stream socket taking one command a line, each answered with one
/// line; each client on a thread of its own.
final class ControlServer: Sendable {
    private let path: String
    private let listener: Int32
    private let link: EmulatedLink
    private let stopping = Atomic(false)

    init(path: String, link: EmulatedLink) throws {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !path.isEmpty, path.utf8.count < capacity else {
            throw SystemCallError(message: "\(path): a control socket path has 1 to \(capacity - 1) bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            bytes.copyBytes(from: path.utf8)
        }
        let socket = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { throw SystemCallError("cannot make the control socket") }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(socket, 8) == 0 else {
            let error = SystemCallError("cannot listen on \(path)")
            close(socket)
            throw error
        }
        self.path = path
        listener = socket
        self.link = link
    }

    func start() {
        detachThread(named: "control") { self.acceptUntilStopped() }
    }

    /// Stops taking clients and removes the socket file.
    func stop() {
        stopping.store(true, ordering: .relaxed)
        unlink(path)
    }

    private func acceptUntilStopped() {
        while !stopping.load(ordering: .relaxed) {
            var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 200) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            detachThread(named: "control client") { self.serve(client) }
        }
        close(listener)
    }

    /// Answers each line the client sends until it closes its end or the server stops.
    private func serve(_ client: Int32) {
        defer { close(client) }
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while !stopping.load(ordering: .relaxed) {
            var entry = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 200) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(client, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            pending += buffer[..<count]
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                pending.removeSubrange(...newline)
                let answer = Array((link.answer(Substring(line)) + "\n").utf8)
                guard answer.withUnsafeBytes({ send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == answer.count else {
                    return
                }
            }
        }
    }
}
