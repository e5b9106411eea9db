import CCurl

/// Turns a failed transfer's CURLcode into an `HTTPError`.
enum CurlErrorMapping {
    /// - Parameters:
    ///   - code: the transfer's result.
    ///   - message: libcurl's error text for it.
    ///   - verifyResult: CURLINFO_SSL_VERIFYRESULT (OpenSSL's X509_V_ERR number, 0 = chain OK).
    ///   - exceededLimit: whether the body callback refused data over the size limit.
    ///   - proxy: the `host:port` of the proxy the transfer went through, if any.
    static func error(
        for code: CURLcode, message: String, verifyResult: Int, exceededLimit: Bool, limit: Int, proxy: String?
    ) -> HTTPError {
        if let proxy, code == CURLE_COULDNT_RESOLVE_PROXY || code == CURLE_COULDNT_CONNECT && isConnection(to: proxy, message) {
            return .proxyUnreachable(proxy: proxy, message: message)
        }
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .couldNotResolve(message: message)
        case CURLE_COULDNT_CONNECT:
            return .couldNotConnect(message: message)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(message: message)
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            return .connectionDropped(message: message)
        case CURLE_PARTIAL_FILE:
            return .responseTruncated(message: message)
        case CURLE_FILESIZE_EXCEEDED:
            return .responseTooLarge(limit: limit)
        case CURLE_WRITE_ERROR where exceededLimit:
            return .responseTooLarge(limit: limit)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return .invalidURL
        case CURLE_PEER_FAILED_VERIFICATION:
            return .tlsFailure(verificationFailure(verifyResult), message: message)
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return .tlsFailure(.handshakeFailed, message: message)
        default:
            return .transport(code: Int(code.rawValue), message: message)
        }
    }

    /// Whether libcurl's connect failure was to the proxy: its text names the host and port it
    /// tried (`Failed to connect to 198.18.1.3 port 8888 after 2 ms: …`), and no CURLINFO says
    /// which (a host in `no_proxy` is connected to directly, and CURLINFO_PRIMARY_IP stays empty).
    static func isConnection(to proxy: String, _ message: String) -> Bool {
        guard let colon = proxy.lastIndex(of: ":") else { return false }
        var host = proxy[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        return message.contains("to \(host) port \(proxy[proxy.index(after: colon)...])")
    }

    /// With OpenSSL, libcurl 7.88 reports both a bad chain and a wrong host name as
    /// CURLE_PEER_FAILED_VERIFICATION (60, alias CURLE_SSL_CACERT); the chain result tells them
    /// apart. libcurl checks the host name itself after OpenSSL accepted the chain and then
    /// reports X509_V_ERR_UNSPECIFIED (1, measured with 7.88.1) rather than a chain error.
    static func verificationFailure(_ verifyResult: Int) -> TLSFailure {
        switch verifyResult {
        case 0, 1, 62, 64:  // OK or UNSPECIFIED (libcurl's own host check), HOSTNAME_, IP_ADDRESS_MISMATCH
            return .hostNameMismatch
        case 2, 18, 19, 20, 21:  // unable to get issuer, self-signed, unable to verify leaf
            return .unknownAuthority
        case 9, 10:  // not yet valid, expired
            return .certificateExpired
        default:
            return .certificateRejected(verifyResult: verifyResult)
        }
    }
}
