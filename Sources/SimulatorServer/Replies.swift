import GPObject
import Foundation
import Hummingbird
import Simulator

/// Builds the simulator's HTTP answers.
enum Replies {
    static func xml(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, contentType: "text/xml; charset=UTF-8", status: status)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, contentType: "text/html; charset=UTF-8", status: status)
    }

    static func gpObject(_ object: GPObject) -> Response {
        xml(object.xml(prolog: true))
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        let data = (try? JSONEncoder.simulator.encode(value)) ?? Data("{}".utf8)
        var response = body(String(decoding: data, as: UTF8.self), contentType: "application/json", status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    /// `{"error": code, "message": text}` with the error's status (and `reason`, `Retry-After` where they apply).
    static func portalError(_ error: PortalError) -> Response {
        var fields = ["error": error.code, "message": error.message]
        var headers: HTTPFields = [:]
        switch error {
        case .sessionEnded(let reason): fields["reason"] = reason.rawValue
        case .rateLimited(let seconds): headers[.retryAfter] = String(seconds)
        default: break
        }
        return json(fields, status: .init(code: error.httpStatus), headers: headers)
    }

    static func noContent() -> Response {
        Response(status: .noContent)
    }

    static func body(_ text: String, contentType: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
