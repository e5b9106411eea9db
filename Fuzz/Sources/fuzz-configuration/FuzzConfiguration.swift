import FuzzSupport
import KioskConfiguration

@main
enum FuzzConfiguration {
    static func main() { runLibFuzzer(fuzzConfiguration) }
}

/// Any bytes as a configuration file: it is accepted, or refused with an error that names the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfiguration(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try KioskConfiguration.parse(text, file: "config.toml", hostName: "ward7-kiosk-2")
    } catch {
        precondition(error.description.hasPrefix("config.toml"))
    }
    return 0
}
