import FoundationEssentials
import KioskCore

/// The rules for a server address: https, or plain http to loopback only; no credentials, query
/// or fragment; and no live service from a test or training kiosk.
enum EndpointURL {
    /// The hosts of the live services, which test and training kiosks must never reach.
    static let liveHosts = Set(
        [KioskEnvironment.live.defaultGASURL, KioskEnvironment.live.defaultPortalURL].compactMap {
            $0?.host(percentEncoded: false)?.lowercased()
        })

    static func read(_ field: Field, environment: KioskEnvironment) throws(Problem) -> URL {
        let text = try field.string()
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              let host = url.host(percentEncoded: false), !host.isEmpty else {
            throw field.problem("\"\(text)\" is not a URL such as https://host.example")
        }
        switch scheme {
        case "https": break
        case "http":
            guard isLoopback(host) else {
                throw field.problem("plain http:// is allowed only to loopback addresses")
            }
        default:
            throw field.problem("the URL must start with https://")
        }
        guard url.user == nil, url.password == nil else {
            throw field.problem("the URL must not contain a user name or password")
        }
        guard url.query == nil, url.fragment == nil else {
            throw field.problem("the URL must not have a query (?…) or fragment (#…)")
        }
        if environment != .live, liveHosts.contains(host.lowercased()) {
            throw field.problem("\(host) is a live service; environment = \"\(environment.rawValue)\" must not use it")
        }
        return url
    }

    /// localhost, ::1 and 127.0.0.0/8 written as four decimal numbers.
    static func isLoopback(_ host: String) -> Bool {
        var host = Substring(host.lowercased())
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127"
            && parts.allSatisfy { part in UInt8(part).map { String($0) == part } ?? false }
    }
}
