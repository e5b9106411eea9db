import Foundation
import SystemThreads

/// One direction of the link: a thread reading packets from `source` and a thread writing each
/// to `destination` once its delay is over, in the order they were read.
final class Direction: @unchecked Sendable {
    /// Packets forwarded and dropped so far.
    struct Counts: Sendable {
        var forwarded = 0
        var dropped = 0
    }

    private struct Pending {
        let packet: [UInt8]
        let due: Date
    }

    private let source: TunDevice
    private let destination: TunDevice
    private let state: LinkState
    /// Guards `queue`, `counts`, `lastDue` and `running`; signalled when a packet is queued or on stop.
    private let condition = NSCondition()
    private var queue: [Pending] = []
    private var counts = Counts()
    private var lastDue = Date.distantPast
    private var running = 0

    init(from source: TunDevice, to destination: TunDevice, state: LinkState) {
        self.source = source
        self.destination = destination
        self.state = state
    }

    var name: String { "\(source.name)->\(destination.name)" }

    var currentCounts: Counts { condition.withLock { counts } }

    func start() {
        condition.withLock { running = 2 }
        detachThread(named: "read \(source.name)") { self.readUntilStopped() }
        detachThread(named: "write \(destination.name)") { self.releaseUntilStopped() }
    }

    /// Wakes both threads so that they see the link stopping, and waits up to a second for them to end.
    func waitUntilStopped() {
        let deadline = Date().addingTimeInterval(1)
        condition.withLock {
            condition.broadcast()
            while running > 0, condition.wait(until: deadline) {}
        }
    }

    private func readUntilStopped() {
        while !state.isStopping {
            guard source.waitForPacket(milliseconds: 100) else { continue }
            while let packet = source.readPacket() { accept(packet) }
        }
        finished()
    }

    /// Drops the packet or queues it for its due time: never before the packet read before it.
    private func accept(_ packet: [UInt8]) {
        let settings = state.settings
        if state.isDown || settings.losesPacket() {
            condition.withLock { counts.dropped += 1 }
            return
        }
        let due = Date().addingTimeInterval(settings.oneWayDelay())
        condition.withLock {
            lastDue = max(due, lastDue)
            queue.append(Pending(packet: packet, due: lastDue))
            condition.signal()
        }
    }

    private func releaseUntilStopped() {
        while let packet = nextDuePacket() {
            let written = !state.isDown && destination.write(packet)
            condition.withLock {
                if written { counts.forwarded += 1 } else { counts.dropped += 1 }
            }
        }
        finished()
    }

    /// Waits, without spinning, until the oldest queued packet is due; `nil` once stopping.
    private func nextDuePacket() -> [UInt8]? {
        condition.withLock {
            while !state.isStopping {
                guard let first = queue.first else {
                    _ = condition.wait(until: Date().addingTimeInterval(0.5))
                    continue
                }
                if first.due <= Date() {
                    queue.removeFirst()
                    return first.packet
                }
                _ = condition.wait(until: first.due)
            }
            return nil
        }
    }

    private func finished() {
        condition.withLock {
            running -= 1
            condition.broadcast()
        }
    }
}
