import Foundation
import GPObject
import Hummingbird
import NIOCore
import Simulator

/// Applies the first matching ``FaultRule`` to a request's answer.
struct FaultMiddleware: RouterMiddleware {
    typealias Context = SimulatorRequestContext
    let state: SimulatorState

    /// The size an `oversized_body` reaches: just over 1 MiB.
    static let oversizedLength = (1 << 20) + 1024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let rule = await state.takeFault(path: request.uri.path, method: request.method.rawValue) else {
            return try await next(request, context)
        }
        context.logger.info("injecting fault", metadata: ["path": "\(request.uri.path)", "rule": "\(rule)"])
        if let latency = rule.latencyMs, latency > 0 {
            try await Task.sleep(for: .milliseconds(latency))
        }
        var response: Response
        switch rule.action {
        case .dropConnection?:
            try? await context.channel.close()
            throw CancellationError()
        case .rateLimited?:
            response = Replies.portalError(.rateLimited(retryAfterSeconds: rule.retryAfter ?? 5))
        case .spineUnavailable?:
            response = Replies.portalError(.spineUnavailable)
        case .gasUnavailable?:
            let failure = GASFailure(.authServerNotAvailable, "The authentication server is not available")
            response = Replies.gpObject(GASMessages.failure(failure, logSessionID: nil, service: ""))
        case .longError?:
            response = Self.longError(path: request.uri.path)
        default:
            response = try await next(request, context)
        }
        if let status = rule.status {
            response.status = .init(code: status)
        }
        return try await Self.reshape(response, for: rule.action)
    }

    /// A `long_error` answer: "E" then "É" (two bytes in UTF-8) up to ``longErrorLength`` bytes.
    private static func longError(path: String) -> Response {
        let code = "E" + String(repeating: "É", count: (longErrorLength - 1) / 2)
        guard path.hasPrefix("/login/") || path.hasPrefix("/saml/") else {
            return Replies.json(["error": code, "message": "The portal failed."], status: .internalServerError)
        }
        var object = GPObject()
        object.append("log_session_id", "")
        object.append("service", "")
        object.append("error", code)
        object.append("error_description", "The authentication server failed.")
        return Replies.gpObject(object)
    }

    /// The UTF-8 length of a `long_error` code: 1 MiB less room for the rest of the answer.
    static let longErrorLength = (1 << 20) - 4096

    /// Rewrites the body or headers of a real answer for the body-level actions (setting a body
    /// also sets its `Content-Length`).
    private static func reshape(_ response: Response, for action: FaultAction?) async throws -> Response {
        var response = response
        switch action {
        case .malformedBody?:
            let garbage = ByteBuffer(string: "{\"session_id\": <gpOBJECT><gpPARAM name=\"")
            response.body = .init(byteBuffer: garbage)
        case .truncatedBody?:
            let full = try await collect(response)
            let half = full.getSlice(at: full.readerIndex, length: full.readableBytes / 2) ?? ByteBuffer()
            response.body = ResponseBody(contentLength: full.readableBytes) { writer in
                try await writer.write(half)
                throw TruncatedBody()
            }
        case .oversizedBody?:
            var full = try await collect(response)
            full.writeRepeatingByte(UInt8(ascii: " "), count: max(0, oversizedLength - full.readableBytes))
            response.body = .init(byteBuffer: full)
        case .wrongContentType?:
            response.headers[.contentType] = "text/html; charset=UTF-8"
        case .invalidUTF8?:
            let full = try await collect(response)
            response.body = .init(byteBuffer: ByteBuffer(bytes: Self.invalidatingReplacementCharacters(Array(full.readableBytesView))))
        default:
            break
        }
        return response
    }

    /// `bytes` with each `EF BF BD` (U+FFFD in UTF-8) turned into the invalid byte `FF`.
    static func invalidatingReplacementCharacters(_ bytes: [UInt8]) -> [UInt8] {
        let marker: [UInt8] = [0xEF, 0xBF, 0xBD]
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index...].starts(with: marker) {
                result.append(0xFF)
                index += marker.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    private static func collect(_ response: Response) async throws -> ByteBuffer {
        let collector = BodyCollector()
        try await response.body.write(collector)
        return collector.storage.buffer
    }
}

/// Thrown mid-body so that the connection closes short of its `Content-Length`.
private struct TruncatedBody: Error {}

/// A response body writer that keeps what is written.
private struct BodyCollector: ResponseBodyWriter {
    final class Storage {
        var buffer = ByteBuffer()
    }

    let storage = Storage()

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        storage.buffer.writeBuffer(&buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
