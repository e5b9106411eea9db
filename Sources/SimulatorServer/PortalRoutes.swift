import Foundation
import Hummingbird
import Logging
import Simulator

/// The CMC portal's smartcard session API under `/api/smartcard/sessions`.
struct PortalRoutes {
    let state: SimulatorState
    static let cookieName = "CMCSESSION"

    func register(on router: Router<SimulatorRequestContext>) {
        let sessions = router.group("/api/smartcard/sessions")
        sessions.post { request, context in try await open(request, context) }
        sessions.get("current") { request, _ in
            Self.statusReply(await state.status(cookie: Self.cookie(request), now: Date()))
        }
        sessions.post("current/keepalive") { request, _ in
            Self.statusReply(await state.keepAlive(cookie: Self.cookie(request), now: Date()))
        }
        sessions.delete("current") { request, context in try await logout(request, context) }
        sessions.post("current/handoff") { request, _ in await handoff(request) }
    }

    private func open(_ request: Request, _ context: SimulatorRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let openRequest: OpenSessionRequest
        do {
            openRequest = try OpenSessionRequest(json: Data(buffer.readableBytesView))
        } catch {
            return Replies.portalError(error)
        }
        switch await state.openSession(openRequest, now: Date()) {
        case .failure(let error):
            context.logger.info("portal session refused", metadata: ["uid": "\(openRequest.uid)", "error": "\(error.code)"])
            return Replies.portalError(error)
        case .success(let opened):
            context.logger.info(
                "portal session opened",
                metadata: ["uid": "\(opened.session.uid)", "session_id": "\(opened.session.sessionID)",
                           "replaced": "\(opened.replacedSession)"])
            let body = OpenedSessionBody(opened, portalURL: await state.baseURL + "/")
            var headers = HTTPFields()
            headers[.setCookie] = "\(Self.cookieName)=\(opened.session.cookie); Secure; HttpOnly; Path=/"
            return Replies.json(body, status: .created, headers: headers)
        }
    }

    private func logout(_ request: Request, _ context: SimulatorRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        // The body is optional; an unreadable one still ends the session, which is the safe outcome.
        let fields = (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [String: Any]
        await state.logoutSession(cookie: Self.cookie(request), reason: fields?["reason"] as? String, now: Date())
        return Replies.noContent()
    }

    private func handoff(_ request: Request) async -> Response {
        switch await state.handoff(cookie: Self.cookie(request), now: Date()) {
        case .failure(let error):
            return Replies.portalError(error)
        case .success(let handoff):
            let url = await state.baseURL + "/sso/handoff?code=\(handoff.code)"
            return Replies.json(HandoffBody(url: url, expiresIn: handoff.expiresIn))
        }
    }

    private static func cookie(_ request: Request) -> String? {
        request.cookies[cookieName]?.value
    }

    private static func statusReply(_ result: Result<SessionStatus, PortalError>) -> Response {
        switch result {
        case .success(let status): Replies.json(SessionStatusBody(status))
        case .failure(let error): Replies.portalError(error)
        }
    }
}
