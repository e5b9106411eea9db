import Foundation
import KioskCore
import Testing

/// A way from `locked` to one phase through real events.
struct Scenario: Sendable, CustomTestStringConvertible {
    let name: String
    let phase: PhaseKind
    let events: [KioskEvent]

    var testDescription: String { name }

    func run() -> Kiosk {
        var kiosk = Kiosk()
        kiosk.send(events)
        return kiosk
    }

    /// Scenarios in which a card is in use: every phase but `locked` and the card service's loss.
    static let withCard: [Scenario] = [
        Scenario(name: "reading the card", phase: .readingCard, events: Steps.inserted),
        Scenario(name: "passcode entry", phase: .passcodeEntry, events: Steps.read()),
        Scenario(name: "passcode entry, part typed", phase: .passcodeEntry, events: Steps.typed),
        Scenario(
            name: "passcode entry, after a wrong passcode", phase: .passcodeEntry,
            events: Steps.submitted + [.passcodeChecked(attempt: 1, .wrong(triesLeft: 2))]
        ),
        Scenario(name: "verifying the passcode", phase: .verifyingPasscode, events: Steps.submitted),
        Scenario(name: "authenticating with Spine", phase: .authenticating, events: Steps.verified),
        Scenario(name: "choosing a role of 3", phase: .choosingRole, events: Steps.authenticated(roles: 3)),
        Scenario(
            name: "choosing a role of 8, filtered", phase: .choosingRole,
            events: Steps.authenticated(roles: 8) + "nurse".map { .input(.character($0)) }
        ),
        Scenario(name: "opening the session, one role", phase: .openingSession, events: Steps.authenticated(roles: 1)),
        Scenario(name: "opening the session, role chosen", phase: .openingSession, events: Steps.chosen),
        Scenario(name: "signed in", phase: .signedIn, events: Steps.signedIn()),
        Scenario(name: "signed in, warned", phase: .signedIn, events: Steps.signedIn() + [Steps.tick(800)]),
        Scenario(
            name: "signed in, portal unreachable", phase: .signedIn,
            events: Steps.signedIn() + [.portalAnswered(attempt: 1, .unreachable)]
        ),
        Scenario(name: "ending the session, F10", phase: .endingSession, events: Steps.signedIn() + [.input(.logout)]),
        Scenario(name: "ending the session, idle", phase: .endingSession, events: Steps.signedIn() + [Steps.tick(900)]),
        Scenario(
            name: "remove card, unsupported card", phase: .removeCard,
            events: Steps.inserted + [.cardRead(attempt: 1, .failure(.unsupportedCard))]
        ),
        Scenario(name: "remove card, gave up", phase: .removeCard, events: Steps.typed + [.input(.giveUp)]),
        Scenario(
            name: "remove card, no roles", phase: .removeCard,
            events: Steps.authenticated(roles: 0)
        ),
        Scenario(
            name: "remove card, logged out", phase: .removeCard,
            events: Steps.signedIn() + [.input(.logout), .teardownFinished(attempt: 1)]
        ),
        Scenario(
            name: "remove card, portal ended the session", phase: .removeCard,
            events: Steps.signedIn() + [.portalAnswered(attempt: 1, .ended(.replaced))]
        ),
    ]

    /// Scenarios with no card in use.
    static let withoutCard: [Scenario] = [
        Scenario(name: "locked", phase: .locked, events: []),
        Scenario(name: "locked after a removal", phase: .locked, events: Steps.typed + [.cardRemoved(reader: Fixture.reader)]),
        Scenario(name: "card service unavailable", phase: .cardServiceUnavailable, events: [.cardServiceUnavailable]),
    ]

    static let all = withoutCard + withCard
}

/// The phases without their payloads.
enum PhaseKind: CaseIterable, Sendable {
    case locked, readingCard, passcodeEntry, verifyingPasscode, authenticating, choosingRole
    case openingSession, signedIn, endingSession, removeCard, cardServiceUnavailable

    init(_ phase: KioskPhase) {
        self = switch phase {
        case .locked: .locked
        case .readingCard: .readingCard
        case .passcodeEntry: .passcodeEntry
        case .verifyingPasscode: .verifyingPasscode
        case .authenticating: .authenticating
        case .choosingRole: .choosingRole
        case .openingSession: .openingSession
        case .signedIn: .signedIn
        case .endingSession: .endingSession
        case .removeCard: .removeCard
        case .cardServiceUnavailable: .cardServiceUnavailable
        }
    }
}

/// Results that an attempt's effects may still deliver after the attempt has ended.
enum LateResults {
    static func of(attempt: Int) -> [KioskEvent] {
        [
            .cardRead(attempt: attempt, .success(Fixture.card)),
            .cardRead(attempt: attempt, .failure(.unsupportedCard)),
            .passcodeChecked(attempt: attempt, .verified),
            .passcodeChecked(attempt: attempt, .wrong(triesLeft: 2)),
            .spineAuthenticated(attempt: attempt, .success(Fixture.login(roles: 1))),
            .spineAuthenticated(attempt: attempt, .failure(.spineUnreachable(detail: "timed out"))),
            .sessionOpened(attempt: attempt, .success(Fixture.session())),
            .sessionOpened(attempt: attempt, .failure(.noCMCRole)),
            .portalAnswered(attempt: attempt, .active(idleRemaining: 900)),
            .portalAnswered(attempt: attempt, .ended(.replaced)),
            .sessionCommandExited(attempt: attempt),
            .teardownFinished(attempt: attempt),
        ]
    }
}
