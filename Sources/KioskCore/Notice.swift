/// A message for the user: a headline and plain-words lines, and whether it is an error or only
/// a warning.
public struct Notice: Equatable, Sendable {
    public enum Severity: Equatable, Sendable { case information, warning, error }

    public var severity: Severity
    public var headline: String
    public var lines: [String]

    public init(_ severity: Severity, _ headline: String, _ lines: [String] = []) {
        self.severity = severity
        self.headline = headline
        self.lines = lines
    }
}

/// How the CMC helpdesk is reached, from the configuration.
public struct Helpdesk: Equatable, Sendable {
    public var email: String
    public var phone: String

    public init(email: String = "coordinatemycare@nhs.net", phone: String = "020 7811 8513") {
        self.email = email
        self.phone = phone
    }
}

extension KioskFailure {
    /// The failure in plain words.
    public func notice(helpdesk: Helpdesk) -> Notice {
        switch self {
        case .unsupportedCard:
            Notice(.error, "This card is not a supported NHS smartcard", ["Use your NHS smartcard."])
        case .cardNotAllowed:
            Notice(.error, "This kiosk does not take this kind of card", [
                "Use your NHS smartcard. If it is one, ask your IT service desk to allow it here.",
            ])
        case .cardNotPersonalised:
            Notice(.error, "This smartcard has no login certificate", ["Contact your Registration Authority."])
        case .unreadableCard(let detail):
            Notice(.error, "The smartcard could not be read", ["Take it out and try again.", detail])
        case .cardFailed(let detail):
            Notice(.error, "Your smartcard did not work", [
                "Take it out and try again. If it happens again, contact your Registration Authority.", detail,
            ])
        case .certificateExpired:
            Notice(.error, "Your smartcard certificate has expired", ["Contact your Registration Authority to renew it."])
        case .certificateNotYetValid:
            Notice(.error, "Your smartcard certificate is not valid yet", ["Check this terminal's clock, or contact your Registration Authority."])
        case .cardLocked:
            Notice(.error, "Your smartcard is locked", [
                "Unlock it at digital.nhs.uk/unlock or with your Registration Authority.",
            ])
        case .spineRefused(let code, let description):
            Notice(.error, "NHS Spine did not accept the login", Self.spineExplanation(code: code, description: description))
        case .spineUnreachable(let detail):
            Notice(.error, "NHS Spine cannot be reached", ["Try again in a few minutes.", detail])
        case .noRoles:
            Notice(.error, "You have no roles on NHS Spine", [
                "Your smartcard has no role to sign in with.",
                "Contact your Registration Authority to have a role added.",
            ])
        case .uidNotRegistered(let uid):
            Notice(.error, "Your smartcard is not registered with Coordinate My Care", [
                "Your smartcard number (UID) is \(uid).",
                "To register it, contact the CMC helpdesk and quote that number:",
                "\(helpdesk.email)   \(helpdesk.phone)",
            ])
        case .noCMCRole:
            Notice(.error, "You have no Coordinate My Care role", [
                "Contact the CMC helpdesk: \(helpdesk.email)   \(helpdesk.phone)",
            ])
        case .ticketRejected:
            Notice(.error, "Coordinate My Care did not accept the login", ["Take your card out and try again."])
        case .portalBusy(let seconds):
            Notice(.error, "Coordinate My Care is busy", [
                seconds.map { "Try again in \($0) seconds." } ?? "Try again shortly.",
            ])
        case .portalUnreachable(let detail):
            Notice(.error, "Coordinate My Care cannot be reached", ["Try again in a few minutes.", detail])
        case .portalRefused(let message):
            Notice(.error, "Coordinate My Care refused the login", [message])
        case .sessionEnded(let reason):
            Notice(.information, "You have been logged out", [Self.endExplanation(reason)])
        case .tlsFailure(let detail):
            Notice(.error, "The secure connection failed", [
                "The server's certificate could not be verified, so nothing was sent.",
                "Tell your IT service desk: \(detail)",
            ])
        case .proxyRefused(let proxy, let status, let reason):
            Notice(.error, "The proxy \(proxy) refused: \(status)\(reason.map { " \($0)" } ?? "")", [
                "Tell your IT service desk:",
                Self.proxyAdvice(status: status),
            ])
        case .proxyUnreachable(let proxy):
            Notice(.error, "The proxy \(proxy) cannot be reached", [
                "Try again in a few minutes. If it lasts, tell your IT service desk:",
                "check that the proxy is running and that [network] proxy names it.",
            ])
        }
    }

    /// What to check when the proxy refuses with `status`: 407 asks for credentials, and some
    /// proxies (tinyproxy) answer wrong ones 401.
    private static func proxyAdvice(status: Int) -> String {
        switch status {
        case 401, 407: "the proxy did not accept this kiosk's credentials: check [network] proxy_user and proxy_password_file."
        case 403: "the proxy does not allow this kiosk's servers: check the proxy's allowed hosts (its filter)."
        default: "check the proxy's log for this kiosk's requests."
        }
    }

    private static func spineExplanation(code: String, description: String) -> [String] {
        let reason = switch code {
        case "AUTHENTICATION_FAILED": "The card's signature was not accepted."
        case "USER_NOT_VALID": "Your NHS login is not valid or is suspended. Contact your Registration Authority."
        case "AUTH_NOT_VALID": "The login took too long or was repeated. Take your card out and try again."
        case "AUTHDATA_SYNTAX_ERROR": "The login request was not understood. Take your card out and try again."
        case "AUTHSERVER_NOT_AVAILABLE": "The NHS login service is not available. Try again in a few minutes."
        default: "Spine said \(code)."
        }
        return description.isEmpty ? [reason] : [reason, description]
    }

    private static func endExplanation(_ reason: SessionEndReason) -> String {
        switch reason {
        case .idleTimeout: "The session was idle for too long."
        case .absoluteTimeout: "The session reached its maximum length."
        case .logout: "The session was logged out."
        case .replaced: "You signed in somewhere else."
        case .leaseExpired: "The portal stopped hearing from this kiosk."
        case .spineLogout: "Your NHS Spine login ended."
        case .unspecified: "The portal ended the session."
        }
    }
}
