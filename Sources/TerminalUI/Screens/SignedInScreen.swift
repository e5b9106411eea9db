import FoundationEssentials
import KioskCore

/// "Signed in as …", and the idle warning with its countdown (without it in accessible mode,
/// where a line that changes every second would be read out every second).
enum SignedInScreen {
    static func page(_ signedIn: SignedIn, _ context: ScreenContext) -> Page {
        let session = signedIn.session
        var lines = [
            Line("Signed in as \(session.displayName)", .title),
            Line(Screens.describe(session.role)),
            .blank,
            Line("Coordinate My Care is open. Take your card out to lock this terminal."),
        ]
        if session.replacedAnother {
            lines += [.blank, Line("Your session elsewhere was closed.", .warning)]
        }
        if signedIn.portalUnreachable {
            lines += [.blank, Line("Coordinate My Care cannot be reached just now.", .warning)]
        }
        var hints = [KeyHint(key: context.keys.logout, action: "Log out")]
        let now = context.state.now
        if signedIn.warns(at: now) {
            let seconds = signedIn.secondsLeft(at: now)
            lines += [.blank, Line("You are about to be logged out", .error)]
            if !context.accessible {
                lines.append(Line("Logging out in \(seconds / 60):\(seconds % 60 < 10 ? "0" : "")\(seconds % 60)", .warning))
            }
            lines.append(Line("Press \(context.keys.staySignedIn) to stay signed in"))
            hints.insert(KeyHint(key: context.keys.staySignedIn, action: "Stay signed in"), at: 0)
        }
        return Page(lines: lines, hints: hints)
    }
}
