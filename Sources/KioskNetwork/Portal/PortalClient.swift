import FoundationEssentials
import KioskCore

/// The kiosk's client for the CMC portal's smartcard session API (`spec/portal.md`).
///
/// The session cookie `CMCSESSION` lives in this client's own in-memory cookie jar; `logout`
/// and `forgetSession` wipe it.
public final class PortalClient: Sendable {
    public let baseURL: String
    private let engine: HTTPEngine
    private let cookies: CookieJar

    public init(baseURL: String, engine: HTTPEngine) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.engine = engine
        cookies = engine.makeCookieJar()
    }

    private var sessionsURL: String { "\(baseURL)/api/smartcard/sessions" }
    private var currentURL: String { "\(sessionsURL)/current" }

    /// Opens the session for a Spine login in `role`, the role selected at Spine (201 with the
    /// `CMCSESSION` cookie).
    public func openSession(
        ticket: SSOTicket, uid: String, role: Role, deviceID: String
    ) async throws(PortalError) -> PortalSession {
        let body = OpenSessionBody(
            ssoTicket: ticket.value, uid: uid, roleProfileID: role.id, deviceID: deviceID,
            client: engine.configuration.userAgent)
        let response = try await send(.post, sessionsURL, json: encode(body))
        try Self.check(response, expecting: 201)
        guard await cookies.cookieNames().contains("CMCSESSION") else { throw .missingSessionCookie }
        return try Self.openedSession(from: response, in: role)
    }

    /// The current session's state; renews the lease, not the idle timer.
    public func status() async throws(PortalError) -> PortalSessionStatus {
        let response = try await send(.get, currentURL)
        try Self.check(response, expecting: 200)
        return try Self.decode(PortalSessionStatus.self, from: response)
    }

    /// Records user activity: resets the idle timer.
    public func keepAlive() async throws(PortalError) -> PortalSessionStatus {
        let response = try await send(.post, "\(currentURL)/keepalive")
        try Self.check(response, expecting: 200)
        return try Self.decode(PortalSessionStatus.self, from: response)
    }

    /// Ends the session (idempotent: 204 also when it has already ended), then wipes the cookie.
    /// A failed call keeps the cookie, so that the logout can be tried again with it (without it
    /// the portal cannot tell which session to end, and answers 204 all the same);
    /// `forgetSession` drops it when the caller gives up, leaving the portal's lease to end the
    /// session.
    public func logout(reason: LogoutReason) async throws(PortalError) {
        let response = try await send(.delete, currentURL, json: encode(["reason": reason.rawValue]))
        try Self.check(response, expecting: 204)
        await cookies.removeAll()
    }

    /// A one-time URL that signs a browser into this session.
    public func handoff() async throws(PortalError) -> PortalHandoff {
        let response = try await send(.post, "\(currentURL)/handoff")
        try Self.check(response, expecting: 200)
        return try Self.decode(PortalHandoff.self, from: response)
    }

    /// Drops the session cookie without telling the portal (after `sessionEnded`).
    public func forgetSession() async {
        await cookies.removeAll()
    }

    // MARK: Exchange

    private func send(_ method: HTTPRequest.Method, _ url: String, json: [UInt8]? = nil) async throws(PortalError)
        -> HTTPResponse
    {
        var headers = [HTTPHeader(name: "Accept", value: "application/json")]
        if json != nil { headers.append(HTTPHeader(name: "Content-Type", value: "application/json")) }
        let request = HTTPRequest(method: method, url: url, headers: headers, body: json, cookieJar: cookies)
        do {
            return try await engine.send(request)
        } catch {
            throw .transport(error)
        }
    }

    private func encode(_ value: some Encodable) throws(PortalError) -> [UInt8] {
        do {
            return Array(try JSONEncoder().encode(value))
        } catch {
            throw .unexpected(status: 0, code: nil, message: "could not encode the request")
        }
    }

    /// Reads a success body; one labelled other than JSON (an HTML page from a proxy, say) is refused
    /// whatever it holds. Public for the fuzz targets (`Fuzz/`), which feed it arbitrary bodies.
    public static func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse) throws(PortalError) -> T {
        if let contentType = response.headers.value(named: "Content-Type"), !isJSON(contentType) {
            throw .malformedResponse("\(T.self) expected, not \(contentType)")
        }
        do {
            return try JSONDecoder().decode(type, from: jsonText(response.body))
        } catch {
            throw .malformedResponse("\(T.self) expected")
        }
    }

    /// Reads the answer that opened a session in `role`. Public for the fuzz targets (`Fuzz/`),
    /// which feed it arbitrary bodies.
    public static func openedSession(from response: HTTPResponse, in role: Role) throws(PortalError) -> PortalSession {
        try decode(OpenedSessionBody.self, from: response).session(in: role)
    }

    /// The body as JSON text, each byte sequence that is not UTF-8 turned into U+FFFD: a display
    /// name with a stray byte from a legacy directory is shown with a replacement character
    /// rather than failing the whole answer.
    static func jsonText(_ body: [UInt8]) -> Data {
        Data(String(decoding: body, as: UTF8.self).utf8)
    }

    /// `application/json` or any `+json` type, parameters ignored.
    static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";").first?.trimmingSpaces.lowercased() ?? ""
        return mediaType == "application/json" || mediaType.hasSuffix("+json")
    }

    /// Passes `expected`; turns anything else into the matching `PortalError`, read from the error
    /// body and `Retry-After`. Public for the fuzz targets (`Fuzz/`), which feed it arbitrary answers.
    public static func check(_ response: HTTPResponse, expecting expected: Int) throws(PortalError) {
        guard response.status != expected else { return }
        guard let body = try? JSONDecoder().decode(PortalErrorBody.self, from: Data(response.body)) else {
            throw .unexpected(status: response.status, code: nil, message: nil)
        }
        let message = body.message ?? ""
        switch body.error {
        case "bad_request": throw .badRequest(message: message)
        case "invalid_ticket": throw .invalidTicket(message: message)
        case "uid_not_registered": throw .uidNotRegistered(message: message)
        case "no_cmc_role": throw .noCMCRole(message: message)
        case "rate_limited":
            throw .rateLimited(retryAfter: retryAfter(response.headers.value(named: "Retry-After")), message: message)
        case "spine_unavailable": throw .spineUnavailable(message: message)
        case "session_ended": throw .sessionEnded(reason: SessionEndReason(wireName: body.reason), message: message)
        default: throw .unexpected(status: response.status, code: body.error, message: body.message)
        }
    }

    /// `Retry-After` as delta-seconds or an HTTP date (RFC 9110 §10.2.3).
    static func retryAfter(_ value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingSpaces, !value.isEmpty else { return nil }
        if let seconds = Int(value) { return seconds >= 0 ? .seconds(seconds) : nil }
        guard let date = HTTPDate.parse(value) else { return nil }
        return .seconds(max(0, Int(date.timeIntervalSince(now).rounded(.up))))
    }
}
