import GPObject
import Foundation
import Hummingbird
import Logging
import Simulator

/// Spine GAS: `/login/authactivate`, `/login/authvalidate`, `/login/authlogout`,
/// `/saml/RoleSelectionGP.jsp`, `/saml/RoleAssertion`.
struct GASRoutes {
    let state: SimulatorState

    func register(on router: Router<SimulatorRequestContext>) {
        router.post("/login/authactivate") { request, context in
            try await activate(request, context)
        }
        router.post("/login/authvalidate") { request, context in
            try await validate(request, context)
        }
        router.post("/login/authlogout") { request, context in
            try await logout(request, context)
        }
        router.get("/login/authlogout") { request, context in  // the same body, as one public client sends it
            try await logout(request, context)
        }
        router.get("/saml/RoleSelectionGP.jsp") { request, context in
            await selectRole(request, context)
        }
        router.get("/saml/RoleAssertion") { request, context in
            await assertion(request, context)
        }
    }

    private func activate(_ request: Request, _ context: SimulatorRequestContext) async throws -> Response {
        guard let object = try await Self.readGPObject(request, context) else { return Self.syntaxError() }
        let challenge = await state.activate(now: Date())
        let baseURL = await state.baseURL
        context.logger.info("GAS activation", metadata: ["log_session_id": "\(object["log_session_id"] ?? "")"])
        return Replies.gpObject(GASMessages.activation(challenge, logSessionID: object["log_session_id"] ?? "", baseURL: baseURL))
    }

    private func validate(_ request: Request, _ context: SimulatorRequestContext) async throws -> Response {
        guard let object = try await Self.readGPObject(request, context) else { return Self.syntaxError() }
        let logSessionID = object["log_session_id"]
        switch await state.validate(AuthValidateRequest(object), now: Date()) {
        case .success(let login):
            context.logger.info(
                "GAS validation succeeded",
                metadata: [
                    "uid": "\(login.user.uid)", "ticket": "\(login.ticket.redacted)", "roles": "\(login.user.roles.count)",
                    "smime_quirks": "\(login.ticket.smimeQuirks.map(\.rawValue).joined(separator: ","))",
                ])
            return Replies.gpObject(GASMessages.authenticated(login, baseURL: await state.baseURL))
        case .failure(let failure):
            context.logger.info(
                "GAS validation refused",
                metadata: ["error": "\(failure.code.rawValue)", "reason": "\(failure.description)", "uid": "\(object["uid"] ?? "")"])
            return Replies.gpObject(GASMessages.failure(failure, logSessionID: logSessionID, service: "AUTHENTICATION"))
        }
    }

    private func logout(_ request: Request, _ context: SimulatorRequestContext) async throws -> Response {
        guard let object = try await Self.readGPObject(request, context) else { return Self.syntaxError() }
        guard let token = object["sso_ticket"], !token.isEmpty else {
            return Replies.gpObject(
                GASMessages.failure(
                    GASFailure(.authDataSyntaxError, "sso_ticket is required"),
                    logSessionID: object["log_session_id"], service: "LOGOUT"))
        }
        let destroyed = await state.logout(token: token, now: Date())
        context.logger.info(
            "GAS logout", metadata: ["ticket": "\(SSOTicket.redact(token))", "was_live": "\(destroyed != nil)"])
        return Replies.html(GASMessages.statusOK)
    }

    private func selectRole(_ request: Request, _ context: SimulatorRequestContext) async -> Response {
        let query = request.uri.queryParameters
        guard let token = query.get("token"), let roleID = query.get("selectedRoleUid"), !token.isEmpty, !roleID.isEmpty else {
            return Replies.html(GASMessages.status("BAD_REQUEST"), status: .badRequest)
        }
        let ssbMode = query.get("ssbMode") ?? "0"
        switch await state.selectRole(token: token, roleID: roleID, ssbMode: ssbMode) {
        case .success(let ticket):
            context.logger.info("GAS role selected", metadata: ["uid": "\(ticket.uid)", "role": "\(roleID)"])
            return Replies.html(GASMessages.statusOK)
        case .failure(.unknownTicket):
            return Replies.html(GASMessages.status("INVALID_TOKEN"), status: .unauthorized)
        case .failure(.roleNotHeld):
            return Replies.html(GASMessages.status("INVALID_ROLE"), status: .forbidden)
        }
    }

    private func assertion(_ request: Request, _ context: SimulatorRequestContext) async -> Response {
        let recipient = context.channel.remoteAddress?.ipAddress ?? ""
        let now = Date()
        guard let token = request.uri.queryParameters.get("token"), let (ticket, user) = await state.assertion(token: token) else {
            return Replies.xml(RoleAssertion.failure(now: now, recipient: recipient))
        }
        return Replies.xml(RoleAssertion.success(ticket: ticket, user: user, now: now, recipient: recipient))
    }

    /// The request's `gpOBJECT`, or `nil` when the body is not one.
    private static func readGPObject(_ request: Request, _ context: SimulatorRequestContext) async throws -> GPObject? {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return try? GPObject(parsing: String(buffer: buffer))
    }

    /// The answer to a body that is not a `gpOBJECT`.
    private static func syntaxError() -> Response {
        let failure = GASFailure(.authDataSyntaxError, "the body is not a gpOBJECT")
        var response = Replies.gpObject(GASMessages.failure(failure, logSessionID: nil, service: ""))
        response.status = .badRequest
        return response
    }
}
