import KioskCore

/// The addresses the client sends to: role selection's query, and the URLs GAS offers.
extension GASClient {
    /// Step 4's URL: the ticket, the role id and `gacVersion` percent-encoded.
    func roleSelectionURL(_ role: SpineRole, for authentication: SpineAuthentication) -> String {
        let query = [
            "token=\(Self.queryEncoded(authentication.ticket.value))",
            "selectedRoleUid=\(Self.queryEncoded(role.profileID))",
            "ssbMode=\(environment.ssbMode)",
            "fallbackStatus=0",
            "gacVersion=\(Self.queryEncoded(gacVersion))",
        ].joined(separator: "&")
        return "\(baseURL)/saml/RoleSelectionGP.jsp?\(query)"
    }

    /// A URL GAS offered for a later step when it is on the configured GAS origin (scheme, host
    /// and port), otherwise `{gas}{path}`. GAS answers carry internal `http://` addresses in
    /// places, and no answer may send the signed challenge or the ticket anywhere else. Both URLs
    /// are read by libcurl's parser, the one the transfer uses.
    func gasURL(offered: String?, otherwise path: String) -> String {
        let fallback = baseURL + path
        guard let offered = offered?.trimmingSpaces, !offered.isEmpty,
            let origin = try? URLPolicy.check(offered).origin, origin == (try? URLPolicy.check(baseURL).origin)
        else { return fallback }
        return offered
    }

    /// The `gacVersion` for a User-Agent: its `GACv…` part when it is shaped like the Identity
    /// Agent's (`Mozilla/4.0(compatible;IE;GACv10. 0. 0. 1)` gives `GACv10. 0. 0. 1`, what the
    /// public clients send), otherwise the whole User-Agent, e.g. `cmc-kiosk/0.4.0`.
    static func gacVersion(userAgent: String) -> String {
        guard let start = userAgent.firstRange(of: "GACv")?.lowerBound else { return userAgent }
        return String(userAgent[start...].prefix { $0 != ";" && $0 != ")" })
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    static func queryEncoded(_ value: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        for byte in value.utf8 {
            if unreserved.contains(byte) {
                encoded.append(byte)
            } else {
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// RFC 3986's unreserved characters: letters, digits, `-`, `.`, `_` and `~`.
    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
}
