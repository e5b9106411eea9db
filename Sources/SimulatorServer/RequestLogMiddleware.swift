import Hummingbird

/// Logs each request's method, path (no query: it may hold a ticket) and status.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = SimulatorRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            context.logger.debug("\(request.method) \(request.uri.path) \(response.status.code)")
            return response
        } catch {
            context.logger.debug("\(request.method) \(request.uri.path) failed: \(error)")
            throw error
        }
    }
}
