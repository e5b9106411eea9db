import Testing

/// A broken answer from the simulator at sign-in, as its fault rules make it, and what the kiosk
/// says about it.
enum BadAnswer: String, CaseIterable, CustomTestStringConvertible, Sendable {
    /// Slower than `[network] request_timeout_seconds`.
    case slow
    case malformed = "malformed_body"
    case truncated = "truncated_body"
    case oversized = "oversized_body"
    case wrongContentType = "wrong_content_type"

    var testDescription: String { rawValue }

    /// The simulator's latency for ``slow``: two seconds past the kiosk's request timeout.
    static let slowLatencyMs = Int(ServiceWorld.requestTimeout * 1_000) + 2_000

    /// A fault rule for `server`'s first sign-in call: the portal's next session opening, or every
    /// GAS challenge until the faults are cleared (the kiosk fetches one while the passcode is
    /// typed, and fetches again after it when that one failed early).
    func rule(at server: Server) -> String {
        let target = server == .spine
            ? #""path_prefix":"/login/authactivate""#
            : #""path_prefix":"/api/smartcard/sessions","method":"POST","times":1"#
        let fault = self == .slow ? #""latency_ms":\#(Self.slowLatencyMs)"# : #""action":"\#(rawValue)""#
        return "{\(target),\(fault)}"
    }

    /// Whether this answer from `server` ends the sign-in. GAS's answers are parsed whatever
    /// their Content-Type (issue "Real NHS smartcards"); the portal's JSON is not.
    func endsTheSignIn(at server: Server) -> Bool {
        switch (self, server) {
        case (.wrongContentType, .spine): false
        case (.slow, _), (.malformed, _), (.truncated, _), (.oversized, _), (.wrongContentType, .portal): true
        }
    }

    /// The kiosk's plain-words line about it, under ``Server/headline``.
    func explanation(from server: Server) -> String {
        switch self {
        case .slow: "\(server.name) did not answer in time."
        case .malformed, .wrongContentType: "\(server.name)'s answer could not be understood."
        case .truncated: "\(server.name)'s answer was cut short."
        case .oversized: "\(server.name) sent far too much data."
        }
    }
}

/// The two servers of a sign-in, each as the kiosk names it.
enum Server: CaseIterable, Sendable {
    /// GAS: the fault hits the challenge (`authactivate`), before any ticket exists.
    case spine
    /// The portal: the fault hits the session's opening, after Spine's ticket and role.
    case portal

    var name: String { self == .spine ? "NHS Spine" : "Coordinate My Care" }
    var headline: String { "\(name) cannot be reached" }
}
