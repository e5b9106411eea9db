import FuzzSupport
import KioskCore
import KioskNetwork

@main
enum FuzzPortalJSON {
    static func main() { runLibFuzzer(fuzzPortalJSON) }
}

/// Any bytes as a portal answer: the first line is a header value (tried as `Content-Type` on a
/// success and as `Retry-After` on a failure), the rest is the body. Decoding gives a value or a
/// `PortalError`; a status other than the expected one always gives a `PortalError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPortalJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let newline = input.firstIndex(of: UInt8(ascii: "\n"))
    let header = newline.map { String(decoding: input[..<$0], as: UTF8.self) } ?? "application/json"
    let body = newline.map { Array(input[($0 + 1)...]) } ?? input

    let success = HTTPResponse(status: 200, headers: [HTTPHeader(name: "Content-Type", value: header)], body: body)
    _ = try? PortalClient.openedSession(
        from: success, in: Role(id: "", jobRole: "", organisation: "", organisationCode: ""))
    _ = try? PortalClient.decode(PortalSessionStatus.self, from: success)
    _ = try? PortalClient.decode(PortalHandoff.self, from: success)

    for status in [401, 429] {
        let failure = HTTPResponse(status: status, headers: [HTTPHeader(name: "Retry-After", value: header)], body: body)
        do {
            try PortalClient.check(failure, expecting: 200)
            preconditionFailure("status \(status) passed as 200")
        } catch {
            _ = String(describing: error)
        }
    }
    return 0
}
