/// An HTTP request for `HTTPEngine`.
///
/// Its description and mirror show the method, scheme, host and path only: queries, headers and
/// bodies can carry tickets and cookies.
public struct HTTPRequest: Sendable, CustomStringConvertible, CustomReflectable {
    /// The request methods the kiosk uses.
    public enum Method: String, Sendable {
        case get = "GET", post = "POST", delete = "DELETE"
    }

    public var method: Method
    public var url: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]?
    /// Overrides the engine's total timeout for this request.
    public var timeout: Duration?
    /// Overrides the engine's connect timeout for this request.
    public var connectTimeout: Duration?
    /// The in-memory cookie store the request reads and writes; none when nil.
    public var cookieJar: CookieJar?

    public init(
        method: Method, url: String, headers: [HTTPHeader] = [], body: [UInt8]? = nil,
        timeout: Duration? = nil, connectTimeout: Duration? = nil, cookieJar: CookieJar? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.cookieJar = cookieJar
    }

    public var description: String {
        let withoutQuery = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        return "\(method.rawValue) \(withoutQuery)"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["request": description])
    }
}
