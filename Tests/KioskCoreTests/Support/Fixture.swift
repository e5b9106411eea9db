import Foundation
import KioskCore

/// The values every test starts from.
enum Fixture {
    static let reader = "Omnikey 3121 00 00"
    static let otherReader = "Omnikey 3121 01 00"
    /// Time zero of the virtual clock.
    static let start = Date(timeIntervalSinceReferenceDate: 786_000_000)
    /// Not the defaults, so that a message showing them proves it reads the configuration.
    static let helpdesk = Helpdesk(email: "cmc-help@ward7.nhs.uk", phone: "0300 123 4567")
    static let card = CardSummary(uid: "555123456789", triesLeft: 3)
    static let passcode = "729461"

    static func state() -> KioskState {
        KioskState(environment: .test, helpdesk: helpdesk, now: start)
    }

    /// Eight roles, distinct enough for filtering; `roles(n)` is the first `n`.
    static func roles(_ count: Int) -> [Role] {
        let all = [
            ("Clinical Practitioner Access Role", "St Thomas' Hospital", "RJ122"),
            ("Nurse Access Role", "St Thomas' Hospital", "RJ122"),
            ("Clinical Practitioner Access Role", "King's College Hospital", "RJZ01"),
            ("Nurse Access Role", "King's College Hospital", "RJZ01"),
            ("Admin Access Role", "Guy's Hospital", "RJ121"),
            ("Clinical Practitioner Access Role", "Royal Marsden Hospital", "RPY01"),
            ("Nurse Access Role", "Royal Marsden Hospital", "RPY01"),
            ("Registration Authority Agent", "Guy's Hospital", "RJ121"),
        ]
        return all.prefix(count).enumerated().map { index, role in
            Role(id: "5551234501\(index)0", jobRole: role.0, organisation: role.1, organisationCode: role.2)
        }
    }

    static func login(roles count: Int) -> SpineLogin {
        SpineLogin(displayName: "Dr Jane Smith", roles: roles(count))
    }

    static func session(idleTimeout: TimeInterval = 900, warning: TimeInterval = 120, lease: TimeInterval = 60)
        -> PortalSession
    {
        PortalSession(
            displayName: "Dr Jane Smith", role: roles(1)[0], idleTimeout: idleTimeout, warning: warning, lease: lease
        )
    }

    /// The teardown the issue asks for, in its order: requests, secrets, the session command,
    /// the logouts, then `then`.
    static func teardown(_ reason: LogoutReason, attempt: Int, then: [Teardown.Step] = []) -> KioskEffect {
        .tearDown(Teardown(
            attempt: attempt, steps: [.cancelRequests, .wipeSecrets, .stopSessionCommand, .logOut(reason)] + then))
    }

    /// The teardown of an attempt that had nothing to log out.
    static func wipe(attempt: Int) -> KioskEffect {
        .tearDown(Teardown(attempt: attempt, steps: [.cancelRequests, .wipeSecrets]))
    }
}

extension [KioskEffect] {
    /// The steps of every teardown asked for, in order.
    var teardownSteps: [Teardown.Step] {
        flatMap { effect -> [Teardown.Step] in
            if case .tearDown(let teardown) = effect { teardown.steps } else { [] }
        }
    }
}
