import KioskCore
import KioskNetwork
import SmartCard

/// Turns the adapters' typed errors into the kiosk's failures, which the core words for users.
enum FailureTranslation {
    static func failure(for error: TokenError) -> KioskFailure {
        switch error {
        case .removed: .unreadableCard(detail: "The reader said: \(CardError.removed).")
        case .unsupportedCard: .unsupportedCard
        case .notPersonalised: .cardNotPersonalised
        case .unreadableCertificate(let reason): .unreadableCard(detail: reason)
        case .unreachable(let detail): .unreadableCard(detail: detail)
        case .passcodeNotVerified: .cardFailed(detail: "The card refused to sign without the passcode.")
        case .signingRefused(let detail): .cardFailed(detail: detail)
        case .malformedSignature(let length): .cardFailed(detail: "The card's signature had the wrong length (\(length) bytes).")
        case .unexpectedAnswer(let detail, let step) where step == .verifyPasscode || step == .sign: .cardFailed(detail: detail)
        case .unexpectedAnswer(let detail, _): .unreadableCard(detail: detail)
        }
    }

    static func failure(for error: GASError) -> KioskFailure {
        switch error {
        case .rejected(let rejection, let description):
            .spineRefused(code: rejection.code, description: description)
        case .malformedResponse:
            .spineUnreachable(detail: "NHS Spine's answer could not be understood.")
        case .unexpectedStatus(let status):
            .spineUnreachable(detail: "Spine answered with HTTP status \(status).")
        case .roleSelectionFailed(let status):
            .spineRefused(code: "ROLE_SELECTION_FAILED", description: "Spine did not accept the role (HTTP \(status)).")
        case .logoutFailed(let status):
            .spineUnreachable(detail: "Spine did not confirm the logout (HTTP \(status)).")
        case .invalidCertificate:
            .unreadableCard(detail: "The card's certificate could not be sent to Spine.")
        case .signingFailed(let underlying):
            (underlying as? TokenError).map(failure(for:)) ?? .unreadableCard(detail: "The card could not sign.")
        case .transport(let http):
            failure(for: http, reaching: "NHS Spine") { .spineUnreachable(detail: $0) }
        }
    }

    static func failure(for error: PortalError, uid: String) -> KioskFailure {
        switch error {
        case .badRequest(let message), .unexpected(_, _, .some(let message)): .portalRefused(message: message)
        case .unexpected(let status, let code, nil): .portalRefused(message: "HTTP \(status) \(code ?? "")")
        case .invalidTicket: .ticketRejected
        case .uidNotRegistered: .uidNotRegistered(uid: uid)
        case .noCMCRole: .noCMCRole
        case .rateLimited(let retryAfter, _): .portalBusy(retryAfterSeconds: retryAfter.map { Int($0.components.seconds) })
        case .spineUnavailable(let message): .spineUnreachable(detail: message)
        case .sessionEnded(let reason, _): .sessionEnded(reason)
        case .malformedResponse: .portalUnreachable(detail: "Coordinate My Care's answer could not be understood.")
        case .missingSessionCookie: .portalUnreachable(detail: "The portal opened no session.")
        case .transport(let http): failure(for: http, reaching: "Coordinate My Care") { .portalUnreachable(detail: $0) }
        }
    }

    private static func failure(
        for error: HTTPError, reaching server: String, unreachable: (String) -> KioskFailure
    ) -> KioskFailure {
        switch error {
        case .tlsFailure(let tls, _): .tlsFailure(detail: "\(server): \(describe(tls))")
        case .proxyRefused(let proxy, let status, let reason): .proxyRefused(proxy: proxy, status: status, reason: reason)
        case .proxyUnreachable(let proxy, _): .proxyUnreachable(proxy: proxy)
        case .timedOut: unreachable("\(server) did not answer in time.")
        case .couldNotResolve: unreachable("The name of \(server)'s server could not be found.")
        case .couldNotConnect: unreachable("No connection could be made to \(server).")
        case .responseTooLarge: unreachable("\(server) sent far too much data.")
        case .connectionDropped: unreachable("\(server) closed the connection without answering.")
        case .responseTruncated: unreachable("\(server)'s answer was cut short.")
        case .insecureURLRefused(let host): .tlsFailure(detail: "plain http:// to \(host) is not allowed")
        case .invalidCAFile(let path, let reason): .tlsFailure(detail: "the CA file \(path) is unusable: \(reason)")
        case .cancelled: unreachable("The request was cancelled.")
        case .invalidURL, .invalidHeader, .foreignCookieJar: unreachable("The request could not be made (\(error)).")
        case .transport(_, let message): unreachable(message)
        }
    }

    private static func describe(_ failure: TLSFailure) -> String {
        switch failure {
        case .unknownAuthority: "its certificate is not from a trusted authority"
        case .hostNameMismatch: "its certificate is for another host name"
        case .certificateExpired: "its certificate has expired or is not valid yet"
        case .certificateRejected(let result): "its certificate was rejected (verify result \(result))"
        case .handshakeFailed: "the secure handshake failed"
        }
    }
}
