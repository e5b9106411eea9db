import Foundation
import Glibc
import LifecycleDriver
import TerminalTestSupport

extension LifecycleSession {
    /// Times `runs` cold starts of every kiosk in `figures`, alternating between them: in each run
    /// tmux's own start-up (a `date` in the kiosk's place), then each kiosk from spawn to lock
    /// screen drawn. Returns tmux's start-ups.
    func timeColdStarts(runs: Int, of figures: inout [KioskFigures]) throws -> Samples {
        var tmux = Samples()
        for run in 0..<runs {
            if let started = try tmuxStartUp(stamp: bench.file("tmux-\(run).time")) { tmux.add(started) }
            for index in figures.indices {
                let measured = figures[index].kiosk
                let spawned = MonotonicClock.nanoseconds()
                let kiosk = try start(measured, name: "cold-\(run)-\(measured.fileName)")
                defer { kiosk.stop() }
                guard let locked = kiosk.drawn("locked", after: spawned) else {
                    throw BenchError.failed("\(measured.label): no lock screen on start (see \(kiosk.errorLogPath))")
                }
                figures[index].coldStart.add(milliseconds(locked - spawned))
            }
        }
        return tmux
    }

    /// Milliseconds from asking tmux for a session running `date` to the time `date` wrote to `stamp`.
    private func tmuxStartUp(stamp: String) throws -> Double? {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let before = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        let session = try Tmux(command: "exec date +%s%N > \(stamp)")
        defer { session.kill() }
        let deadline = Date().addingTimeInterval(5)
        repeat {
            let text = try? String(contentsOfFile: stamp, encoding: .utf8)
            if let started = text.flatMap({ Int64($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
                return milliseconds(started - before)
            }
            Thread.sleep(forTimeInterval: 0.005)
        } while Date() < deadline
        return nil
    }
}
