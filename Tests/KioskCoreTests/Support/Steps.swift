import Foundation
import KioskCore

/// Real event sequences from `locked`, all in attempt 1, each one step further than the last.
enum Steps {
    static let attempt = 1

    static let inserted: [KioskEvent] = [.readerAdded(Fixture.reader), .cardInserted(reader: Fixture.reader)]
    static func read(_ card: CardSummary = Fixture.card) -> [KioskEvent] {
        inserted + [.cardRead(attempt: attempt, .success(card))]
    }
    static let typed = read() + Fixture.passcode.map { .input(.character($0)) }
    static let submitted = typed + [.input(.submit)]
    static let verified = submitted + [.passcodeChecked(attempt: attempt, .verified)]
    static func authenticated(roles count: Int) -> [KioskEvent] {
        verified + [.spineAuthenticated(attempt: attempt, .success(Fixture.login(roles: count)))]
    }
    static let chosen = authenticated(roles: 3) + [.input(.down), .input(.submit)]
    static func signedIn(_ session: PortalSession = Fixture.session()) -> [KioskEvent] {
        authenticated(roles: 1) + [.sessionOpened(attempt: attempt, .success(session))]
    }

    /// A tick `seconds` after the start of the virtual clock.
    static func tick(_ seconds: TimeInterval) -> KioskEvent { .tick(Fixture.start.addingTimeInterval(seconds)) }
}
