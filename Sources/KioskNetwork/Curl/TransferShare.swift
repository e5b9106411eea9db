import CCurl
import CShims

/// A libcurl share between transfers: TLS sessions and DNS answers, so that a new connection to
/// a server already met resumes its TLS session; and, for a cookie jar, the jar's in-memory
/// cookie store. Engine thread only, so it needs no locks.
final class TransferShare {
    let raw: UnsafeMutableRawPointer
    /// Whether the share holds a cookie store (a jar's share).
    let holdsCookies: Bool

    init?(holdsCookies: Bool) {
        guard Curl.initialise(), let raw = curl_share_init() else { return nil }
        let shared = [CURL_LOCK_DATA_SSL_SESSION, CURL_LOCK_DATA_DNS] + (holdsCookies ? [CURL_LOCK_DATA_COOKIE] : [])
        guard shared.allSatisfy({ cmc_curl_share_setopt_long(raw, CURLSHOPT_SHARE, Int($0.rawValue)) == CURLSHE_OK })
        else {
            curl_share_cleanup(raw)
            return nil
        }
        self.raw = raw
        self.holdsCookies = holdsCookies
    }

    deinit {
        curl_share_cleanup(raw)
    }

    /// Deletes every cookie in the store (CURLOPT_COOKIELIST "ALL").
    func removeAll() {
        guard holdsCookies, let easy = EasyHandle(), easy.setShare(self) else { return }
        _ = easy.set(CURLOPT_COOKIELIST, "ALL")
    }

    /// The names of the cookies in the store; their values never leave this function.
    func cookieNames() -> [String] {
        guard holdsCookies, let easy = EasyHandle(), easy.setShare(self) else { return [] }
        return easy.cookieLines().compactMap { line in
            // Netscape format: domain, subdomains, path, secure, expiry, name, value.
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            return fields.count >= 7 ? String(fields[5]) : nil
        }
    }
}
