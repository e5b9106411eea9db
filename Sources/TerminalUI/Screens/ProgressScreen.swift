import FoundationEssentials
import KioskCore

/// The slow steps: what the kiosk is doing, with a spinner that turns every second (none in
/// accessible mode).
enum ProgressScreen {
    static let spinner: [Character] = ["|", "/", "-", "\\"]

    static func page(_ context: ScreenContext) -> Page {
        let frame = spinner[Int(context.state.now.timeIntervalSince1970.rounded(.down)) % spinner.count]
        let activity = activity(context.state.phase)
        var lines = [Line(context.accessible ? activity : "\(frame) \(activity)", .title)]
        if case .openingSession(let role) = context.state.phase {
            lines += [.blank, Line(Screens.describe(role))]
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

    private static func isEnding(_ phase: KioskPhase) -> Bool {
        if case .endingSession = phase { true } else { false }
    }
}
