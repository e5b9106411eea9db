import Foundation

/// A fault to inject into matching responses, set through `POST /_sim/faults`.
///
/// ```json
/// {"rules": [{"path_prefix": "/api/smartcard/sessions", "method": "POST", "latency_ms": 1500,
///             "status": 502, "action": "truncated_body", "retry_after": 7, "times": 1}]}
/// ```
/// Every field is optional: `path_prefix` defaults to `/` (the `/_sim/` endpoints are never affected),
/// `method` to any, `times` to until cleared. The first matching rule applies.
public struct FaultRule: Codable, Sendable, Equatable {
    public var pathPrefix: String
    public var method: String?
    /// Added before the request is handled.
    public var latencyMs: Int?
    /// Replaces the status of the real answer.
    public var status: Int?
    public var action: FaultAction?
    /// `Retry-After` seconds of `rate_limited`.
    public var retryAfter: Int?
    /// How many matching requests the rule affects; `nil` for all until cleared.
    public var times: Int?

    public init(
        pathPrefix: String = "/", method: String? = nil, latencyMs: Int? = nil, status: Int? = nil,
        action: FaultAction? = nil, retryAfter: Int? = nil, times: Int? = nil
    ) {
        self.pathPrefix = pathPrefix
        self.method = method
        self.latencyMs = latencyMs
        self.status = status
        self.action = action
        self.retryAfter = retryAfter
        self.times = times
    }

    enum CodingKeys: String, CodingKey {
        case method, status, action, times
        case pathPrefix = "path_prefix"
        case latencyMs = "latency_ms"
        case retryAfter = "retry_after"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            pathPrefix: try container.decodeIfPresent(String.self, forKey: .pathPrefix) ?? "/",
            method: try container.decodeIfPresent(String.self, forKey: .method),
            latencyMs: try container.decodeIfPresent(Int.self, forKey: .latencyMs),
            status: try container.decodeIfPresent(Int.self, forKey: .status),
            action: try container.decodeIfPresent(FaultAction.self, forKey: .action),
            retryAfter: try container.decodeIfPresent(Int.self, forKey: .retryAfter),
            times: try container.decodeIfPresent(Int.self, forKey: .times))
    }

    /// Why the rule cannot be used, if it cannot.
    var problem: String? {
        if let status, !(200...599).contains(status) { return "status must be 200...599" }
        if let latencyMs, !(0...60_000).contains(latencyMs) { return "latency_ms must be 0...60000" }
        if let times, times < 1 { return "times must be at least 1" }
        if let retryAfter, retryAfter < 0 { return "retry_after must not be negative" }
        if !pathPrefix.hasPrefix("/") { return "path_prefix must start with /" }
        return nil
    }

    func matches(path: String, method: String) -> Bool {
        !path.hasPrefix("/_sim/") && path.hasPrefix(pathPrefix)
            && (self.method.map { $0.caseInsensitiveCompare(method) == .orderedSame } ?? true)
    }
}

/// What a fault does to the answer.
public enum FaultAction: String, Codable, Sendable, Equatable {
    /// A body that is neither valid XML nor JSON.
    case malformedBody = "malformed_body"
    /// Half the body, then the connection closes (the `Content-Length` promises all of it).
    case truncatedBody = "truncated_body"
    /// The real body padded past 1 MiB.
    case oversizedBody = "oversized_body"
    /// The real body labelled `text/html`.
    case wrongContentType = "wrong_content_type"
    /// Every U+FFFD REPLACEMENT CHARACTER in the real body (`EF BF BD` in UTF-8) sent as the lone
    /// byte `FF`: invalid UTF-8, which a users file (JSON) cannot carry. A display name with
    /// `\uFFFD` in it reaches the kiosk with a raw invalid byte in its place.
    case invalidUTF8 = "invalid_utf8"
    /// The connection closes with no answer.
    case dropConnection = "drop_connection"
    /// The portal's `429 rate_limited` with `Retry-After`.
    case rateLimited = "rate_limited"
    /// The portal's `503 spine_unavailable`.
    case spineUnavailable = "spine_unavailable"
    /// GAS's `AUTHSERVER_NOT_AVAILABLE` error.
    case gasUnavailable = "gas_unavailable"
    /// An error whose code is nearly 1 MiB long (as long as fits in the kiosk's 1 MiB answer
    /// limit): GAS's error on `/login/` and `/saml/`, the portal's (HTTP 500) elsewhere.
    case longError = "long_error"
}

/// The body of `POST /_sim/faults`: one rule, or `{"rules": [...]}`.
struct FaultRuleSet: Decodable {
    var rules: [FaultRule]
}
