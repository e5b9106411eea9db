import CCurl

/// A proxy's `host:port` from its URL, by libcurl's parser, without any user name or password
/// the URL holds (an environment variable may carry them). libcurl's default proxy port, 1080,
/// when the URL names none; `http://` when it names no scheme, as libcurl reads it.
enum ProxyAddress {
    static func of(_ url: String) -> String? {
        guard let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        let flags = UInt32(CURLU_GUESS_SCHEME) | UInt32(CURLU_NON_SUPPORT_SCHEME)
        guard curl_url_set(handle, CURLUPART_URL, url, flags) == CURLUE_OK,
            let host = URLPolicy.part(CURLUPART_HOST, of: handle)
        else { return nil }
        return "\(host):\(URLPolicy.part(CURLUPART_PORT, of: handle) ?? "1080")"
    }
}
