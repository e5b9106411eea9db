/// A complete HTTP response, as `HTTPEngine` hands it back.
///
/// Its description and mirror show the status and size only: bodies and headers can carry
/// tickets and cookies.
public struct HTTPResponse: Sendable, CustomStringConvertible, CustomReflectable {
    /// The status code of the final response.
    public var status: Int
    /// The header fields of the final response, in order.
    public var headers: [HTTPHeader]
    /// The body, at most the engine's response limit.
    public var body: [UInt8]
    /// New connections this request opened: 0 when it reused a cached one.
    public var newConnections: Int
    /// Time from start to the end of the transfer, as libcurl measured it.
    public var totalTime: Duration

    public init(
        status: Int, headers: [HTTPHeader] = [], body: [UInt8] = [], newConnections: Int = 0,
        totalTime: Duration = .zero
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.newConnections = newConnections
        self.totalTime = totalTime
    }

    public var description: String {
        "HTTPResponse(status: \(status), \(body.count) bytes)"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["response": description])
    }
}
