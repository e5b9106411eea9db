import CCurl
import CShims

/// A libcurl share holding one in-memory cookie store. Engine thread only, so it needs no locks.
final class CookieShare {
    let raw: UnsafeMutableRawPointer

    init?() {
        guard Curl.initialise(), let raw = curl_share_init() else { return nil }
        guard cmc_curl_share_setopt_long(raw, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_COOKIE.rawValue)) == CURLSHE_OK
        else {
            curl_share_cleanup(raw)
            return nil
        }
        self.raw = raw
    }

    deinit {
        curl_share_cleanup(raw)
    }

    /// Deletes every cookie in the store (CURLOPT_COOKIELIST "ALL").
    func removeAll() {
        guard let easy = EasyHandle(), easy.setShare(self) else { return }
        _ = easy.set(CURLOPT_COOKIELIST, "ALL")
    }

    /// The names of the cookies in the store; their values never leave this function.
    func cookieNames() -> [String] {
        guard let easy = EasyHandle(), easy.setShare(self) else { return [] }
        return easy.cookieLines().compactMap { line in
            // Netscape format: domain, subdomains, path, secure, expiry, name, value.
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            return fields.count >= 7 ? String(fields[5]) : nil
        }
    }
}
