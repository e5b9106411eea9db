import Foundation
import Hummingbird
import Simulator

/// Test-only endpoints under `/_sim/`: status, fault injection, portal-side session end.
struct ControlRoutes {
    let state: SimulatorState
    /// When false only `/_sim/status` is served.
    let controlEnabled: Bool

    func register(on router: Router<SimulatorRequestContext>) {
        router.get("/_sim/status") { _, _ in
            Replies.json(await state.report(now: Date()))
        }
        guard controlEnabled else { return }
        router.get("/_sim/faults") { _, _ in
            Replies.json(FaultList(rules: await state.faultRules))
        }
        router.post("/_sim/faults") { request, context in
            try await addFaults(request, context)
        }
        router.delete("/_sim/faults") { _, _ in
            await state.clearFaults()
            return Replies.noContent()
        }
        router.post("/_sim/sessions/end") { request, context in
            try await endSession(request, context)
        }
    }

    private func addFaults(_ request: Request, _ context: SimulatorRequestContext) async throws -> Response {
        let data = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
        let decoder = JSONDecoder()
        guard let rules = (try? decoder.decode(FaultRuleSet.self, from: data).rules)
            ?? (try? decoder.decode(FaultRule.self, from: data)).map({ [$0] })
        else {
            return Replies.portalError(.badRequest("expected a fault rule or {\"rules\": [...]}"))
        }
        if let problem = rules.lazy.compactMap(\.problem).first {
            return Replies.portalError(.badRequest(problem))
        }
        context.logger.info("faults added", metadata: ["count": "\(rules.count)"])
        return Replies.json(FaultList(rules: await state.addFaults(rules)))
    }

    private func endSession(_ request: Request, _ context: SimulatorRequestContext) async throws -> Response {
        let data = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
        guard let body = try? JSONDecoder().decode(EndSessionBody.self, from: data) else {
            return Replies.portalError(.badRequest(
                "expected {\"uid\": \"…\", \"reason\": \"…\"}, the reason as session_ended names it; logout if none"))
        }
        let ended = await state.endSession(uid: body.uid, reason: body.reason ?? .logout, now: Date())
        context.logger.info("portal session ended by control", metadata: ["uid": "\(body.uid)", "ended": "\(ended)"])
        return Replies.json(["ended": ended])
    }
}

private struct FaultList: Encodable {
    var rules: [FaultRule]
}

private struct EndSessionBody: Decodable {
    var uid: String
    var reason: EndedSession.Reason?
}
