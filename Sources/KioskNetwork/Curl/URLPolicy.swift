import CCurl
import Glibc

/// The transport rule for URLs: `https://` anywhere, `http://` only to loopback.
///
/// The URL is parsed with libcurl's own parser, and the normalised form it prints is what the
/// transfer uses, so the host checked here is the host connected to.
struct URLPolicy {
    /// A URL that passed the policy.
    struct Target: Sendable {
        /// libcurl's normalised URL.
        var url: String
        /// Whether the host is loopback (such requests never go through a proxy).
        var isLoopback: Bool
        /// `scheme://host:port`, lower-cased, with the scheme's default port when the URL names none.
        var origin: String
    }

    static func check(_ text: String) throws(HTTPError) -> Target {
        guard let handle = curl_url() else { throw .invalidURL }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, text, 0) == CURLUE_OK,
            let scheme = part(CURLUPART_SCHEME, of: handle)?.lowercased(),
            let host = part(CURLUPART_HOST, of: handle),
            let port = part(CURLUPART_PORT, of: handle, flags: UInt32(CURLU_DEFAULT_PORT)),
            let url = part(CURLUPART_URL, of: handle)
        else { throw .invalidURL }
        let loopback = isLoopback(host: host)
        switch scheme {
        case "https": break
        case "http" where loopback: break
        case "http": throw .insecureURLRefused(host: host)
        default: throw .invalidURL
        }
        return Target(url: url, isLoopback: loopback, origin: "\(scheme)://\(host.lowercased()):\(port)")
    }

    /// `localhost`, 127.0.0.0/8 or ::1 (libcurl prints IPv6 hosts in brackets).
    static func isLoopback(host: String) -> Bool {
        if host.lowercased() == "localhost" { return true }
        if host.hasPrefix("["), host.hasSuffix("]") {
            var address = in6_addr()
            guard inet_pton(AF_INET6, String(host.dropFirst().dropLast()), &address) == 1 else { return false }
            return withUnsafeBytes(of: &address) { $0.elementsEqual([UInt8](repeating: 0, count: 15) + [1]) }
        }
        var address = in_addr()
        guard inet_pton(AF_INET, host, &address) == 1 else { return false }
        return withUnsafeBytes(of: &address) { $0.first == 127 }
    }

    /// One part of a parsed URL, nil when it has none.
    static func part(_ which: CURLUPart, of handle: OpaquePointer, flags: UInt32 = 0) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, which, &value, flags) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
