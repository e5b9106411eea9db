import FoundationEssentials
import KioskCore

/// The slow steps: what the kiosk is doing, with a spinner that turns every second (none in
/// accessible mode), and once a step takes longer than a moment, what it waits for and how long.
enum ProgressScreen {
    static let spinner: [Character] = ["|", "/", "-", "\\"]
    /// How long a step runs before the screen says what it is waiting for.
    static let moment: TimeInterval = 2

    static func page(_ context: ScreenContext) -> Page {
        let frame = spinner[Int(context.state.now.timeIntervalSince1970.rounded(.down)) % spinner.count]
        let activity = activity(context.state.phase)
        var lines = [Line(context.accessible ? activity : "\(frame) \(activity)", .title)]
        if case .openingSession(let role) = context.state.phase {
            lines += [.blank, Line(Screens.describe(role))]
        }
        if let waiting = waiting(context.state, counting: !context.accessible) {
            lines += [.blank, Line(waiting)]
        }
        let cancellable = context.state.phase != .verifyingPasscode && !isEnding(context.state.phase)
        return Page(lines: lines, hints: cancellable ? [KeyHint(key: "", action: "Remove your card to cancel")] : [])
    }

    static func activity(_ phase: KioskPhase) -> String {
        switch phase {
        case .readingCard: "Reading your smartcard…"
        case .verifyingPasscode: "Checking your passcode…"
        case .authenticating: "Contacting NHS Spine…"
        case .openingSession: "Opening your Coordinate My Care session…"
        case .endingSession: "Logging out…"
        default: ""
        }
    }

    /// "Waiting for NHS Spine: 7 s", once the step has taken longer than a ``moment``; without
    /// `counting` (accessible mode, where every change is read out), "Still waiting for NHS
    /// Spine.", which appears once.
    static func waiting(_ state: KioskState, counting: Bool) -> String? {
        let waited = state.now.timeIntervalSince(state.phaseStarted)
        guard waited >= moment, let awaited = awaited(state.phase) else { return nil }
        // Both times are the clock's ticks, a second apart give or take a few milliseconds:
        // rounded down, the count could go from 2 s to 4 s.
        let seconds = Int(waited.rounded())
        return counting ? "Waiting for \(awaited): \(seconds) s" : "Still waiting for \(awaited)."
    }

    /// Whom a slow step is waiting for.
    private static func awaited(_ phase: KioskPhase) -> String? {
        switch phase {
        case .readingCard, .verifyingPasscode: "your smartcard"
        case .authenticating: "NHS Spine"
        case .openingSession: "NHS Spine and the Coordinate My Care portal"
        case .endingSession: "NHS Spine and the portal to confirm the logout"
        case .locked, .passcodeEntry, .choosingRole, .signedIn, .removeCard, .cardServiceUnavailable: nil
        }
    }

    private static func isEnding(_ phase: KioskPhase) -> Bool {
        if case .endingSession = phase { true } else { false }
    }
}
