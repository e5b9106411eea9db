import KioskCore
import Testing

/// Every error that ends an attempt leads to "Remove your smartcard", in plain words.
@Suite("Failure messages")
struct FailureMessageTests {
    /// Where in a sign-in a failure is reported.
    enum Stage: Sendable {
        case readingCard, verifyingPasscode, authenticating, openingSession, signedIn

        /// Where each failure arises; exhaustive, so a new failure must be placed here.
        static func of(_ failure: KioskFailure) -> Stage {
            switch failure {
            case .unsupportedCard, .cardNotAllowed, .cardNotPersonalised, .unreadableCard, .certificateExpired,
                .certificateNotYetValid:
                .readingCard
            case .cardLocked: .verifyingPasscode
            case .cardFailed, .spineRefused, .spineUnreachable, .noRoles, .tlsFailure, .proxyRefused, .proxyUnreachable:
                .authenticating
            case .uidNotRegistered, .noCMCRole, .ticketRejected, .portalBusy, .portalUnreachable, .portalRefused:
                .openingSession
            case .sessionEnded: .signedIn
            }
        }

        /// Whether Spine holds a login by then, which the failure must end.
        /// Whether Spine may hold a login by then: a validation already sent can still earn a
        /// ticket, so a failure while authenticating logs out too.
        var afterSpineLogin: Bool { self == .authenticating || self == .openingSession || self == .signedIn }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let failure: KioskFailure
        let stage: Stage
        let headline: String
        /// Words the lines must carry.
        let mentions: [String]

        init(_ failure: KioskFailure, at stage: Stage? = nil, _ headline: String, mentions: [String] = []) {
            self.failure = failure
            self.stage = stage ?? Stage.of(failure)
            self.headline = headline
            self.mentions = mentions
        }

        var testDescription: String { "\(failure) at \(stage)" }
    }

    static let helpdesk = [Fixture.helpdesk.email, Fixture.helpdesk.phone]

    static let cases: [Case] = [
        Case(.unsupportedCard, "This card is not a supported NHS smartcard"),
        Case(.cardNotAllowed, "This kiosk does not take this kind of card", mentions: ["IT service desk"]),
        Case(.cardNotPersonalised, "This smartcard has no login certificate", mentions: ["Registration Authority"]),
        Case(.unreadableCard(detail: "6F00"), "The smartcard could not be read", mentions: ["try again"]),
        Case(.cardFailed(detail: "6F00"), "Your smartcard did not work", mentions: ["try again", "Registration Authority", "6F00"]),
        Case(.certificateExpired, "Your smartcard certificate has expired", mentions: ["Registration Authority"]),
        Case(.certificateNotYetValid, "Your smartcard certificate is not valid yet", mentions: ["clock"]),
        Case(.cardLocked, "Your smartcard is locked", mentions: ["digital.nhs.uk/unlock", "Registration Authority"]),
        Case(
            .spineRefused(code: "USER_NOT_VALID", description: "User suspended"), "NHS Spine did not accept the login",
            mentions: ["not valid or is suspended", "User suspended"]
        ),
        Case(.spineRefused(code: "AUTH_NOT_VALID", description: ""), "NHS Spine did not accept the login", mentions: ["took too long"]),
        Case(.spineUnreachable(detail: "timed out"), "NHS Spine cannot be reached", mentions: ["Try again"]),
        Case(.noRoles, "You have no roles on NHS Spine", mentions: ["Registration Authority"]),
        Case(
            .uidNotRegistered(uid: Fixture.card.uid), "Your smartcard is not registered with Coordinate My Care",
            mentions: [Fixture.card.uid] + helpdesk
        ),
        Case(.noCMCRole, "You have no Coordinate My Care role", mentions: helpdesk),
        Case(.ticketRejected, "Coordinate My Care did not accept the login", mentions: ["try again"]),
        Case(.portalBusy(retryAfterSeconds: 30), "Coordinate My Care is busy", mentions: ["30 seconds"]),
        Case(.portalBusy(retryAfterSeconds: nil), "Coordinate My Care is busy", mentions: ["shortly"]),
        Case(.portalUnreachable(detail: "connection refused"), "Coordinate My Care cannot be reached", mentions: ["Try again"]),
        Case(.portalRefused(message: "Bad request"), "Coordinate My Care refused the login", mentions: ["Bad request"]),
        Case(.sessionEnded(.absoluteTimeout), "You have been logged out", mentions: ["maximum length"]),
        Case(.tlsFailure(detail: "unable to get local issuer"), "The secure connection failed", mentions: ["IT service desk"]),
        Case(
            .tlsFailure(detail: "unable to get local issuer"), at: .openingSession, "The secure connection failed",
            mentions: ["IT service desk"]
        ),
        Case(.spineUnreachable(detail: "spine_unavailable"), at: .openingSession, "NHS Spine cannot be reached"),
        Case(
            .proxyRefused(proxy: "198.18.1.3:8888", status: 407, reason: "Proxy Authentication Required"),
            "The proxy 198.18.1.3:8888 refused: 407 Proxy Authentication Required",
            mentions: ["IT service desk", "proxy_user", "proxy_password_file"]
        ),
        Case(
            .proxyRefused(proxy: "198.18.1.3:8888", status: 403, reason: "Filtered"), at: .openingSession,
            "The proxy 198.18.1.3:8888 refused: 403 Filtered", mentions: ["allowed hosts"]
        ),
        Case(.proxyRefused(proxy: "proxy.example:3128", status: 502, reason: nil), "The proxy proxy.example:3128 refused: 502"),
        Case(.proxyUnreachable(proxy: "proxy.example:3128"), "The proxy proxy.example:3128 cannot be reached", mentions: ["[network] proxy"]),
    ]

    /// Drives a kiosk to `case`'s stage and reports its failure there.
    static func fail(_ case: Case) -> (Kiosk, [KioskEffect]) {
        var kiosk = Kiosk()
        let failure = `case`.failure
        let report: KioskEvent
        switch `case`.stage {
        case .readingCard:
            kiosk.send(Steps.inserted)
            report = .cardRead(attempt: 1, .failure(failure))
        case .verifyingPasscode:
            kiosk.send(Steps.submitted)
            report = failure == .cardLocked ? .passcodeChecked(attempt: 1, .blocked) : .passcodeChecked(attempt: 1, .failed(failure))
        case .authenticating:
            kiosk.send(Steps.verified)
            report = failure == .noRoles
                ? .spineAuthenticated(attempt: 1, .success(Fixture.login(roles: 0)))
                : .spineAuthenticated(attempt: 1, .failure(failure))
        case .openingSession:
            kiosk.send(Steps.chosen)
            report = .sessionOpened(attempt: 1, .failure(failure))
        case .signedIn:
            kiosk.send(Steps.signedIn())
            guard case .sessionEnded(let reason) = failure else { preconditionFailure("\(failure) is not a session end") }
            report = .portalAnswered(attempt: 1, .ended(reason))
        }
        let effects = kiosk.send(report)
        return (kiosk, effects)
    }

    @Test("each failure asks for the card, in plain words", arguments: cases)
    func message(_ case: Case) throws {
        let (kiosk, _) = Self.fail(`case`)

        let notice = try #require(kiosk.notice)
        #expect(notice == `case`.failure.notice(helpdesk: Fixture.helpdesk))
        #expect(notice.headline == `case`.headline)
        let text = notice.lines.joined(separator: "\n")
        for mention in `case`.mentions {
            #expect(text.contains(mention), "\(mention) in \(text)")
        }
        #expect(notice.severity == (`case`.stage == .signedIn ? .information : .error))
    }

    @Test("each failure wipes the secrets, and ends a Spine login made", arguments: cases)
    func cleansUp(_ case: Case) {
        let (_, effects) = Self.fail(`case`)

        #expect(effects.teardownSteps.contains(.wipeSecrets))
        let loggedOut = effects.teardownSteps.contains { if case .logOut = $0 { true } else { false } }
        #expect(loggedOut == `case`.stage.afterSpineLogin)
        #expect(!effects.contains { if case .openSession = $0 { true } else { false } })
    }

    @Test("the helpdesk shown is the configured one")
    func configuredHelpdesk() {
        let helpdesk = Helpdesk(email: "help@example.nhs.uk", phone: "0100 000 0000")
        var kiosk = Kiosk(KioskState(environment: .live, helpdesk: helpdesk, now: Fixture.start))
        kiosk.send(Steps.chosen + [.sessionOpened(attempt: 1, .failure(.uidNotRegistered(uid: "555000000001")))])

        let text = kiosk.notice?.lines.joined(separator: "\n") ?? ""
        #expect(text.contains("help@example.nhs.uk"))
        #expect(text.contains("0100 000 0000"))
        #expect(text.contains("555000000001"))
    }
}
