import Foundation

/// The delay line's conditions, outages and counts, through its control socket.
extension TestBed {
    /// Sets the link's round-trip time, jitter and loss.
    public func setLink(rtt: Duration, jitter: Duration = .zero, loss: Double = 0) throws {
        try setLink(LinkConditions(rtt: rtt, jitter: jitter, loss: loss))
    }

    public func setLink(_ link: LinkConditions) throws {
        try control(link.command)
        conditions = link
    }

    /// An outage: every packet either way is dropped until ``restore()``.
    public func cut() throws { try control("down") }

    /// Ends an outage.
    public func restore() throws { try control("up") }

    /// The packets forwarded and dropped so far, each way.
    public func statistics() throws -> LinkStatistics {
        let answer = try control("stats")
        guard let statistics = LinkStatistics(answer: answer) else { throw BedError("cmc-delay-line stats: \(answer)") }
        return statistics
    }

    /// Sends one command line to the delay line's control socket; its `ok …` answer.
    @discardableResult
    func control(_ command: String) throws -> String {
        let socket = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { throw BedError("socket: \(String(cString: strerror(errno)))") }
        defer { close(socket) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: controlPath.utf8) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { throw BedError("cannot reach cmc-delay-line at \(controlPath): \(String(cString: strerror(errno)))") }
        let line = Array((command + "\n").utf8)
        guard line.withUnsafeBytes({ send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == line.count else {
            throw BedError("cannot send to cmc-delay-line")
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1_024)
        while !answer.contains(UInt8(ascii: "\n")) {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            answer += buffer[..<count]
        }
        let text = String(decoding: answer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("ok") else { throw BedError("cmc-delay-line \(command): \(text.isEmpty ? "no answer" : text)") }
        return text
    }
}
