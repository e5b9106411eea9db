import Foundation
import LifecycleDriver

/// A kiosk process that was found dead, and the end of its standard error.
struct Crash {
    let cycle: Int
    let stderrTail: String
}

/// What the soak gathered, cycle by cycle and at the end.
struct SoakFigures {
    var lock = Samples()
    var lockByStep: [String: Samples] = [:]
    var cutShort = 0
    var stuck: [(cycle: Int, screen: String)] = []
    var crashes: [Crash] = []
    var rssStartKB, rssWarmKB, rssEndKB, peakKB: Int?
    var settled: SimulatorStatus?
    var kioskStderr = ""
    private var cycles = 0

    mutating func record(_ outcome: CycleOutcome, plan: CyclePlan) {
        cycles += 1
        if plan.interruption != nil { cutShort += 1 }
        switch outcome {
        case .locked(let milliseconds):
            lock.add(milliseconds)
            lockByStep[plan.interruption.map { "during \($0.rawValue)" } ?? "once signed in", default: Samples()].add(milliseconds)
        case .stuck(let screen):
            stuck.append((cycles, screen))
        }
    }
}

/// The soak's report: tables, the simulator's leftovers, and each criterion PASS or FAIL.
struct SoakReport {
    let cycles: Int
    /// The cycles after which the resident set is the baseline for growth.
    let warmUp: Int
    let seed: UInt64
    let figures: SoakFigures

    /// Portal sessions and Spine tickets still live once the logouts have settled.
    private var liveLeftovers: (sessions: Int, tickets: Int) {
        (figures.settled?.sessions.count ?? -1, figures.settled?.tickets.count ?? -1)
    }

    /// Ended sessions that none of the kiosk's logouts ended: not the portal logout (`logout`),
    /// nor the Spine logout of their ticket (`spine_logout`, when it arrives first), but a lease or
    /// idle expiry, a replacement by the user's next session…
    private var endedWithoutLogout: [[String: Any]] {
        (figures.settled?.endedSessions ?? []).filter { !["logout", "spine_logout"].contains($0["reason"] as? String) }
    }

    /// Growth of the resident set from the end of the warm-up cycles to the end of the run, in MB.
    private var growthMB: Double? {
        guard let start = figures.rssWarmKB, let end = figures.rssEndKB else { return nil }
        return Double(end - start) / 1024
    }

    var criteria: [(name: String, target: String, measured: String, met: Bool)] {
        let (sessions, tickets) = liveLeftovers
        let orphans = sessions + tickets + endedWithoutLogout.count
        let p99 = figures.lock.quantile(0.99)
        return [
            ("kiosk crashes", "0", "\(figures.crashes.count)", figures.crashes.isEmpty),
            ("cycles stuck (a screen not drawn in 15 s)", "0", "\(figures.stuck.count)", figures.stuck.isEmpty),
            ("orphans: live sessions + live tickets + sessions ended without logout", "0",
             "\(sessions) + \(tickets) + \(endedWithoutLogout.count)", orphans == 0),
            ("RSS growth, after \(warmUp) cycles → end (MB)", "< 5", growthMB.map { String(format: "%.1f", $0) } ?? "–", (growthMB ?? .infinity) < 5),
            ("removal → lock screen p99 (ms)", "≤ 500", p99.map { String(format: "%.1f", $0) } ?? "–", (p99 ?? .infinity) <= 500),
        ]
    }

    var passed: Bool { criteria.allSatisfy(\.met) }

    func print() {
        let columns = ["n", "min", "median", "p95", "p99", "max"]
        var lock = Table(title: "removal → lock screen drawn (ms)", columns: columns)
        lock.add("all removals", text: Self.cells(figures.lock))
        for (step, samples) in figures.lockByStep.sorted(by: { $0.key < $1.key }) {
            lock.add("  pulled \(step)", text: Self.cells(samples))
        }
        Swift.print("\n" + lock.render() + "\n")

        let ended = figures.settled?.endedSessions ?? []
        var reasons: [String: Int] = [:]
        for session in ended {
            let reason = session["reason"] as? String ?? "?"
            reasons["\(reason)/\(session["logout_reason"] as? String ?? "–")", default: 0] += 1
        }
        Swift.print("portal sessions ended (reason/logout_reason): "
                    + reasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        for session in endedWithoutLogout { Swift.print("  not ended by a logout: \(session)") }
        for session in figures.settled?.sessions ?? [] { Swift.print("  live session left: \(session)") }
        for ticket in figures.settled?.tickets ?? [] { Swift.print("  live ticket left: \(ticket)") }
        for (cycle, screen) in figures.stuck { Swift.print("  cycle \(cycle): no \"\(screen)\" screen within 15 s") }
        for crash in figures.crashes { Swift.print("  kiosk died before cycle \(crash.cycle); its stderr ends:\n\(crash.stderrTail)") }
        Swift.print("kiosk RSS (MB): start \(Self.megabytes(figures.rssStartKB)), after \(warmUp) cycles "
                    + "\(Self.megabytes(figures.rssWarmKB)), end \(Self.megabytes(figures.rssEndKB)), peak \(Self.megabytes(figures.peakKB))")
        Swift.print("kiosk stderr: " + (figures.kioskStderr.isEmpty ? "empty" : "\n" + figures.kioskStderr) + "\n")

        var verdict = Table(title: "criterion", columns: ["target", "measured", "met"])
        for criterion in criteria {
            verdict.add(criterion.name, text: [criterion.target, criterion.measured, criterion.met ? "yes" : "NO"])
        }
        Swift.print(verdict.render())
        Swift.print("\n\(passed ? "PASS" : "FAIL"): \(cycles) cycles, \(figures.cutShort) cut short, seed \(seed)")
    }

    /// The count, then min, median, p95, p99 and max.
    private static func cells(_ samples: Samples) -> [String] {
        ["\(samples.values.count)"] + samples.summary.map { $0.map { String(format: "%.1f", $0) } ?? "–" }
    }

    private static func megabytes(_ kilobytes: Int?) -> String {
        kilobytes.map { String(format: "%.1f", Double($0) / 1024) } ?? "–"
    }
}
