import Foundation
import KioskCore
import TerminalUI

/// The gallery's sample states, one per screen name.
enum Samples {
    static let names = [
        "locked", "no-reader", "reading", "passcode", "passcode-wrong", "passcode-last-try", "verifying",
        "contacting-spine", "spine-slow", "roles", "roles-filter", "opening-session", "signed-in", "idle-warning",
        "logging-out", "remove-card", "unregistered", "service-unavailable",
    ]

    static let reader = "Virtual PCD 00 00"

    static func roles(_ count: Int) -> [Role] {
        let jobs = ["Consultant", "Specialty Registrar", "Staff Nurse", "Ward Sister", "General Practitioner",
                    "Clinical Nurse Specialist", "Paramedic", "Palliative Care Nurse", "Pharmacist"]
        let places = [("St Thomas' Hospital", "RJ122"), ("Guy's Hospital", "RJ121"), ("Ysbyty Gwynedd", "7A1A4"),
                      ("King's College Hospital", "RJZ01"), ("Marie Curie Hampstead", "NQG03")]
        return (0..<count).map { index in
            let place = places[index % places.count]
            return Role(id: String(format: "5550%08d", index), jobRole: jobs[index % jobs.count],
                        organisation: place.0, organisationCode: place.1)
        }
    }

    static let session = PortalSession(
        displayName: "Dr Siân Llewelyn-Jones", role: roles(1)[0], idleTimeout: 900, warning: 120, lease: 300)

    /// The state for `name` at `now`; nil for a name the gallery does not know.
    static func state(_ name: String, environment: KioskEnvironment, start: Date, now: Date) -> KioskState? {
        var state = KioskState(environment: environment, now: now)
        state.readers = [reader]
        let inserted = name != "locked" && name != "no-reader" && name != "service-unavailable"
        if inserted {
            state.cardReader = reader
            state.card = CardSummary(uid: "555012345678", triesLeft: 3)
        }
        switch name {
        case "locked": state.phase = .locked
        case "no-reader": state.readers = []
        case "reading": state.phase = .readingCard
        case "passcode":
            state.phase = .passcodeEntry(PasscodeEntry(triesLeft: 3, warning: Notice(
                .warning, "Your smartcard certificate expires in 12 days", ["Renew it with your Registration Authority soon."])))
        case "passcode-wrong":
            state.phase = .passcodeEntry(PasscodeEntry(triesLeft: 2, problem: Notice(
                .error, "That passcode is not right", ["2 tries left before your card locks."])))
        case "passcode-last-try":
            state.phase = .passcodeEntry(PasscodeEntry(triesLeft: 1, problem: Notice(
                .error, "That passcode is not right", ["1 try left before your card locks."])))
        case "verifying": state.phase = .verifyingPasscode
        case "contacting-spine": state.phase = .authenticating
        case "spine-slow":
            // A thin client's slow link: Spine has been awaited for 12 s.
            state.phase = .authenticating
            state.phaseStarted = now.addingTimeInterval(-12)
        case "roles": state.phase = .choosingRole(RoleChoice(roles: roles(3)))
        case "roles-filter":
            var choice = RoleChoice(roles: roles(24))
            choice.highlighted = 12
            state.phase = .choosingRole(choice)
        case "opening-session": state.phase = .openingSession(roles(1)[0])
        case "signed-in": state.phase = .signedIn(SignedIn(session: session, now: start))
        case "idle-warning":
            var signedIn = SignedIn(session: session, now: start)
            signedIn.idleDeadline = start.addingTimeInterval(105)
            state.phase = .signedIn(signedIn)
        case "logging-out": state.phase = .endingSession(.userLogout)
        case "remove-card": state.phase = .removeCard(Notice(.information, "You have logged out"))
        case "unregistered":
            state.phase = .removeCard(KioskFailure.uidNotRegistered(uid: "555012345678").notice(helpdesk: state.helpdesk))
        case "service-unavailable":
            state.readers = []
            state.cardServiceAvailable = false
            state.phase = .cardServiceUnavailable
        default: return nil
        }
        return state
    }

    static let overlay = DemoOverlay(personas: [
        .init(label: "Dr Siân Llewelyn-Jones", description: "Consultant with three roles; passcode 123456"),
        .init(label: "Nurse Amaka Okafor", description: "One role: signs straight in; passcode 246810"),
        .init(label: "Mr 李小龍 (Lee)", description: "Not registered with CMC: shows the UID to quote"),
        .init(label: "Locked card", description: "No passcode tries left"),
    ], insertedLabel: nil)
}
