import CCurl
import CShims

/// The libcurl options of one transfer: the security rules first, then the request itself.
enum TransferOptions {
    /// Configures `easy` for `request`; returns the failure if libcurl refuses an option.
    static func apply(
        _ request: HTTPRequest, target: URLPolicy.Target, settings: TransferSettings, share: TransferShare?,
        to easy: EasyHandle
    ) -> HTTPError? {
        let configuration = settings.configuration
        var ok = easy.set(CURLOPT_URL, target.url)
            && easy.set(CURLOPT_NOSIGNAL, 1)
            && easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
            && easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "https")
            && easy.set(CURLOPT_FOLLOWLOCATION, 0)
            && easy.set(CURLOPT_SSL_VERIFYPEER, 1)
            && easy.set(CURLOPT_SSL_VERIFYHOST, 2)
            && easy.set(CURLOPT_CONNECTTIMEOUT_MS, (request.connectTimeout ?? configuration.connectTimeout).curlMilliseconds)
            && easy.set(CURLOPT_TIMEOUT_MS, (request.timeout ?? configuration.timeout).curlMilliseconds)
            && easy.setSize(CURLOPT_MAXFILESIZE_LARGE, configuration.responseLimit)
            && easy.set(CURLOPT_USERAGENT, configuration.userAgent)
            && easy.captureResponse(limit: configuration.responseLimit)
        if let bundle = settings.caBundle {
            ok = ok && easy.setBlob(CURLOPT_CAINFO_BLOB, bundle)
        }
        if target.isLoopback {
            // A proxy cannot reach this machine's loopback; environment proxies apply elsewhere.
            ok = ok && easy.set(CURLOPT_NOPROXY, "*")
        } else if let proxy = configuration.proxy {
            ok = ok && apply(proxy, caBundle: settings.caBundle, to: easy)
        }
        if let share {
            ok = ok && easy.setShare(share)
            if share.holdsCookies {
                // Memory-only cookie engine: an empty COOKIEFILE, never a COOKIEJAR.
                ok = ok && easy.set(CURLOPT_COOKIEFILE, "")
            }
        }
        switch request.method {
        case .get:
            ok = ok && easy.set(CURLOPT_HTTPGET, 1)
        case .post:
            ok = ok && easy.setPostBody(request.body ?? [])
        case .delete:
            ok = ok && easy.set(CURLOPT_CUSTOMREQUEST, "DELETE")
            if let body = request.body { ok = ok && easy.setPostBody(body) }
        }
        // An empty "Expect:" stops libcurl from waiting for 100-continue on larger bodies.
        let lines = request.headers.map { "\($0.name): \($0.value)" } + ["Expect:"]
        ok = ok && easy.setHeaders(lines)
        return ok ? nil : .transport(code: Int(CURLE_UNKNOWN_OPTION.rawValue), message: "libcurl refused an option")
    }

    /// The configuration's proxy, in place of the environment's: a CONNECT tunnel (TLS to the
    /// server verified inside it), its own `no_proxy` (an empty one overrides the environment's),
    /// its credentials with whichever method it asks for, and TLS to an `https://` proxy verified
    /// against the same trust store.
    private static func apply(_ proxy: HTTPProxy, caBundle: [UInt8]?, to easy: EasyHandle) -> Bool {
        var ok = easy.set(CURLOPT_PROXY, proxy.url)
            && easy.set(CURLOPT_HTTPPROXYTUNNEL, 1)
            && easy.set(CURLOPT_NOPROXY, proxy.noProxy ?? "")
            && easy.set(CURLOPT_PROXY_SSL_VERIFYPEER, 1)
            && easy.set(CURLOPT_PROXY_SSL_VERIFYHOST, 2)
        if let caBundle {
            ok = ok && easy.setBlob(CURLOPT_PROXY_CAINFO_BLOB, caBundle)
        }
        if let credentials = proxy.credentials {
            ok = ok && easy.set(CURLOPT_PROXYUSERNAME, credentials.user)
                && easy.set(CURLOPT_PROXYPASSWORD, credentials.password)
                && easy.set(CURLOPT_PROXYAUTH, cmc_curl_auth_any())
        }
        return ok
    }
}
