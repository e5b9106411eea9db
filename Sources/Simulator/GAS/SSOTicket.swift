import Foundation

/// A live SSO session at GAS.
public struct SSOTicket: Sendable, Equatable {
    /// The OpenSSO-style token, e.g. `AQIC5wM2LY4S…@AAJTSQACMDE=#`. Never log it whole.
    public let token: String
    public let uid: String
    public let createdAt: Date
    public let logSessionID: String
    public let deviceID: String
    /// The role profile id chosen through RoleSelectionGP; `nil` until then.
    public var selectedRoleID: String?
    /// `0` live, `1` training, as sent with the role selection.
    public var ssbMode: String
    /// How the S/MIME text of the login's `response` departed from the spec's form.
    public var smimeQuirks: [SMIMEQuirk] = []

    /// The first characters of the token, for logs and the status endpoint.
    public var redacted: String {
        Self.redact(token)
    }

    /// The first characters of `token` followed by an ellipsis.
    public static func redact(_ token: String) -> String {
        String(token.prefix(16)) + "…"
    }
}
