/// Why a request failed in the transport.
public enum HTTPError: Error, Sendable, Equatable {
    /// The URL could not be parsed, or its scheme is not http or https.
    case invalidURL
    /// `http://` to a host other than loopback; refused before any I/O.
    case insecureURLRefused(host: String)
    /// A header name or value that would break the request (CR, LF or NUL, or an empty name).
    case invalidHeader(name: String)
    /// The request's cookie jar belongs to another engine.
    case foreignCookieJar
    /// The host name (or the proxy's) did not resolve.
    case couldNotResolve(message: String)
    /// No connection could be made to the host or proxy.
    case couldNotConnect(message: String)
    /// The proxy (`host:port`) answered the CONNECT with a refusal: 407 (its credentials were
    /// missing or wrong), 403 (the server is not among its allowed hosts), or another status;
    /// `reason` is its status line's text, e.g. `Proxy Authentication Required`, when it gave one.
    case proxyRefused(proxy: String, status: Int, reason: String?)
    /// The proxy (`host:port`) could not be resolved or connected to.
    case proxyUnreachable(proxy: String, message: String)
    /// The connect or total timeout passed.
    case timedOut(message: String)
    /// The TLS handshake or the server's certificate failed.
    case tlsFailure(TLSFailure, message: String)
    /// The server closed the connection before sending any answer.
    case connectionDropped(message: String)
    /// The connection closed before the whole body its `Content-Length` announced had arrived.
    case responseTruncated(message: String)
    /// The response body was larger than the engine's limit; the transfer was aborted.
    case responseTooLarge(limit: Int)
    /// The request's task was cancelled; its transfer was removed.
    case cancelled
    /// The configured extra CA file is unusable.
    case invalidCAFile(path: String, reason: String)
    /// Any other libcurl failure, with its CURLcode number and message.
    case transport(code: Int, message: String)
}

/// What went wrong in TLS.
public enum TLSFailure: Sendable, Equatable {
    /// The certificate chain does not lead to a trusted authority (or is self-signed).
    case unknownAuthority
    /// The certificate is valid but not for the host name in the URL.
    case hostNameMismatch
    /// The certificate has expired or is not yet valid.
    case certificateExpired
    /// Another certificate verification failure, with OpenSSL's X509_V_ERR number.
    case certificateRejected(verifyResult: Int)
    /// The handshake itself failed (protocol, cipher, connection dropped).
    case handshakeFailed
}
