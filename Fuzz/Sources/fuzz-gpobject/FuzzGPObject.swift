import FuzzSupport
import GPObject

@main
enum FuzzGPObject {
    static func main() { runLibFuzzer(fuzzGPObject) }
}

/// Any bytes as a GAS answer body: the `STATUS` reader returns a status or nil; the lenient
/// gpOBJECT reader returns a document or throws `GPObjectParseError`, and what it returns survives
/// being written and read again unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGPObject(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let body = UnsafeBufferPointer(start: data, count: size)
    _ = GASStatus(parsing: body)
    guard let object = try? GPObject(parsing: body) else { return 0 }
    for prolog in [false, true] {
        let reread = try? GPObject(parsing: object.xml(prolog: prolog))
        precondition(reread == object, "a parsed gpOBJECT does not survive writing and reading back")
    }
    return 0
}
