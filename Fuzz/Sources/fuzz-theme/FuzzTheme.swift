import FuzzSupport
import KioskConfiguration

@main
enum FuzzTheme {
    static func main() { runLibFuzzer(fuzzTheme) }
}

/// Any bytes as a theme file: it is accepted and styles every element on every kind of terminal,
/// or it is refused with an error that names the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTheme(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let theme: Theme
    do {
        theme = try Theme.parse(text, name: "fuzzed", file: "fuzzed.toml")
    } catch {
        precondition(error.description.hasPrefix("fuzzed.toml"))
        return 0
    }
    for element in ThemeElement.allCases {
        for support in [ColourSupport.full256, .eight, .monochrome] {
            _ = theme.style(for: element, colourSupport: support)
        }
    }
    return 0
}
