import Foundation
import LifecycleDriver

/// One cycle's figures, in ms and round trips, from the kiosk's timing trace and the watcher.
struct CycleResult {
    /// Round trips of the transfers that ended from the card's insertion to the passcode.
    var roundTripsBeforePasscode: Int
    /// "Checking your passcode" drawn → role list drawn, and its round trips.
    var toRoleList: Double
    var roundTripsToRoleList: Int
    /// The same plus "opening the session" drawn → "Signed in" drawn (the choosing left out).
    var toSignedIn: Double
    var roundTripsToSignedIn: Int
    /// Cycles that drew no "checking" or no "opening" screen are timed from the key sent instead.
    var timedFromKeys: Bool
    /// pcscd's report of the removal (the watcher's EMPTY) → lock screen drawn; card pulled → lock.
    var lockOverWatcher: Double
    var lockFromPull: Double
    /// The watcher's EMPTY → the portal's end: the `DELETE …/sessions/current` answered, less RTT/2.
    var portalEndedOverWatcher: Double
    /// That DELETE's own round trips (1 on a reused connection).
    var logoutRoundTrips: Int
}

/// Drives the kiosk through one cycle: the several-roles card in, a typing pause, the passcode,
/// the role list, the first role, "Signed in", the card pulled.
struct ThinClientCycle {
    let kiosk: KioskRun
    let watcher: PCSCWatcher
    let port: Int
    let typingPause: Double

    func run(rtt: Double) throws -> CycleResult {
        let wait = 30 + rtt / 100
        let inserted = MonotonicClock.nanoseconds()
        let card = try CardRun(persona: Workbench.persona("several-roles"), port: port)
        var pulled = false
        defer { if !pulled { card.yank() } }
        guard let prompt = kiosk.drawn("passcode_entry", after: inserted, seconds: wait) else {
            throw BenchError.failed("no passcode prompt")
        }
        Thread.sleep(forTimeInterval: typingPause)
        try kiosk.tmux.send("-l", "123456")
        let submitted = MonotonicClock.nanoseconds()
        try kiosk.tmux.send("Enter")
        guard let roles = kiosk.drawn("choosing_role", after: prompt, seconds: wait) else { throw BenchError.failed("no role list") }
        let checking = kiosk.drawn("verifying_passcode", after: prompt, seconds: 0)
        let chosen = MonotonicClock.nanoseconds()
        try kiosk.tmux.send("Enter")
        guard let signedIn = kiosk.drawn("signed_in", after: roles, seconds: wait) else { throw BenchError.failed("not signed in") }
        let opening = kiosk.drawn("opening_session", after: roles, seconds: 0)
        let passcode = checking ?? submitted, choice = opening ?? chosen
        let before = roundTrips(after: inserted, through: passcode)
        let toRoles = roundTrips(after: passcode, through: roles)
        let toSignedIn = toRoles + roundTrips(after: roles, through: signedIn)

        Thread.sleep(forTimeInterval: 0.3)
        let removed = MonotonicClock.nanoseconds()
        card.yank()
        pulled = true
        guard let empty = watcher.firstChange(toPresent: false, after: removed),
              let locked = kiosk.drawn("locked", after: removed) else {
            throw BenchError.failed("the removal was not seen, or no lock screen")
        }
        guard let logout = kiosk.transfer("DELETE", pathSuffix: "/sessions/current", after: removed, seconds: wait),
              logout.answered else {
            throw BenchError.failed("the portal session was not ended (no answered DELETE …/sessions/current in the trace)")
        }
        // Let the Spine logout and anything else after the removal end before the next card.
        Thread.sleep(forTimeInterval: 1 + 4 * rtt / 1_000)
        return CycleResult(
            roundTripsBeforePasscode: before,
            toRoleList: milliseconds(roles - passcode), roundTripsToRoleList: toRoles,
            toSignedIn: milliseconds(roles - passcode + signedIn - choice), roundTripsToSignedIn: toSignedIn,
            timedFromKeys: checking == nil || opening == nil,
            lockOverWatcher: milliseconds(locked - empty), lockFromPull: milliseconds(locked - removed),
            portalEndedOverWatcher: milliseconds(logout.nanoseconds - empty) - rtt / 2, logoutRoundTrips: logout.roundTrips)
    }

    /// The round trips of the transfers that ended in (`start`, `end`].
    private func roundTrips(after start: Int64, through end: Int64) -> Int {
        kiosk.transfers(after: start, through: end).reduce(0) { $0 + $1.roundTrips }
    }
}
