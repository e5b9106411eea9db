import FuzzSupport
import GPObject
import KioskNetwork

@main
enum FuzzSpineRole {
    static func main() { runLibFuzzer(fuzzSpineRole) }
}

/// Any bytes as the text of one `nhsjobrole` line (with the attributes Spine sends), and as a
/// whole validation answer: reading roles never fails, and a line with an `id` is always a role.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpineRole(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let line = GPObject.Parameter(
        name: "nhsjobrole1", value: String(decoding: bytes, as: UTF8.self),
        attributes: ["id": "555123456789", "orgcode": "RJ122", "role_code": "S8000:G8000:R8000"])
    let roles = SpineRole.roles(in: GPObject([line]))
    precondition(roles.count == 1, "a role line with an id was dropped")
    precondition(roles[0].jobRoleCode == "R8000")

    if let answer = try? GPObject(parsing: bytes) {
        for role in SpineRole.roles(in: answer) {
            precondition(!role.profileID.isEmpty, "a role without a profile id cannot be selected")
            _ = role.jobRoleCode
        }
    }
    return 0
}
