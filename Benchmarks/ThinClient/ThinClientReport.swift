import Foundation
import LifecycleDriver

/// The tables at each RTT, the round trips, and a PASS or FAIL line for each goal of issue 14.
struct ThinClientReport {
    let figures: [RTTFigures]
    let cycles: Int

    func print() {
        for atRTT in figures { Swift.print(timings(atRTT).render() + "\n") }
        Swift.print(roundTrips().render() + "\n")
        for goal in goals { Swift.print(goal.line) }
    }

    var goalsMet: Bool { goals.allSatisfy(\.met) }

    private func timings(_ atRTT: RTTFigures) -> Table {
        let fromKeys = atRTT.cycles.filter(\.timedFromKeys).count
        let note = fromKeys == 0 ? "" : ", \(fromKeys) timed from the keys sent"
        var table = Table(title: "RTT \(Int(atRTT.rtt)) ms, \(atRTT.cycles.count) cycles\(note) (ms)",
                          columns: ["n", "min", "median", "p95", "max"])
        func row(_ label: String, _ value: (CycleResult) -> Double) {
            let samples = atRTT.samples(value)
            let summary = samples.summary
            table.add(label, text: ["\(samples.values.count)"] + [summary[0], summary[1], summary[2], summary[4]].map {
                $0.map { String(format: "%.1f", $0) } ?? "–"
            })
        }
        row("passcode → role list") { $0.toRoleList }
        row("  ideal: RTT × round trips") { atRTT.ideal($0.roundTripsToRoleList) }
        row("  excess over the ideal") { $0.toRoleList - atRTT.ideal($0.roundTripsToRoleList) }
        row("passcode → signed in (choosing left out)") { $0.toSignedIn }
        row("  ideal: RTT × round trips") { atRTT.ideal($0.roundTripsToSignedIn) }
        row("  excess over the ideal") { $0.toSignedIn - atRTT.ideal($0.roundTripsToSignedIn) }
        row("card pulled → lock screen drawn") { $0.lockFromPull }
        row("removal (pcscd's EMPTY) → lock screen drawn") { $0.lockOverWatcher }
        row("removal (pcscd's EMPTY) → portal session ended") { $0.portalEndedOverWatcher }
        row("  portal session ended − lock screen drawn") { $0.portalEndedOverWatcher - $0.lockOverWatcher }
        return table
    }

    private func roundTrips() -> Table {
        var table = Table(title: "round trips per cycle, at RTT", columns: ["before the passcode (typing)", "passcode → role list",
                                                                             "passcode → signed in", "portal logout"])
        for atRTT in figures {
            table.add("\(Int(atRTT.rtt)) ms", text: [atRTT.count(\.roundTripsBeforePasscode), atRTT.count(\.roundTripsToRoleList),
                                                    atRTT.count(\.roundTripsToSignedIn), atRTT.count(\.logoutRoundTrips)])
        }
        return table
    }

    /// The goals: the round trips, sign-in near the ideal at 150 ms, the lock independent of
    /// the RTT, and the portal's end soon after the lock.
    private var goals: [Goal] {
        var goals: [Goal] = []
        let most = figures.flatMap(\.cycles).map(\.roundTripsToSignedIn).max() ?? 0
        goals.append(Goal(met: most <= 3, text: "passcode → signed in in at most 3 round trips: at most \(most) in any cycle"))
        if let at150 = figures.first(where: { $0.rtt == 150 }) {
            let excess = at150.samples { $0.toSignedIn - at150.ideal($0.roundTripsToSignedIn) }.quantile(0.5) ?? .infinity
            goals.append(Goal(met: excess <= 150, text: String(
                format: "sign-in within 1 RTT of the ideal at 150 ms: median excess %.1f ms (≤ 150)", excess)))
        }
        let lockMedians = figures.map { ($0.rtt, $0.samples(\.lockOverWatcher).quantile(0.5) ?? .infinity) }
        if let base = lockMedians.first?.1 {
            let worst = lockMedians.map(\.1).max() ?? .infinity
            let listed = lockMedians.map { String(format: "%.1f at %.0f", $0.1, $0.0) }.joined(separator: ", ")
            goals.append(Goal(met: worst <= base + 10,
                              text: "removal → lock unchanged by RTT (medians within 10 ms of the first RTT's): \(listed) ms"))
        }
        for atRTT in figures {
            let worst = atRTT.samples { $0.portalEndedOverWatcher - $0.lockOverWatcher }.values.max() ?? .infinity
            goals.append(Goal(met: worst <= atRTT.rtt + 50, text: String(
                format: "RTT %.0f: removal → portal session ended ≤ lock + RTT + 50 ms in every cycle: at most lock + %.1f ms (≤ %.0f)",
                atRTT.rtt, worst, atRTT.rtt + 50)))
        }
        return goals
    }
}

/// A goal and whether the run met it.
struct Goal {
    let met: Bool
    let text: String
    var line: String { "\(met ? "PASS" : "FAIL"): \(text)" }
}
