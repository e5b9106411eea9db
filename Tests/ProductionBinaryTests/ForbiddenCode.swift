/// What the production `cmc-kiosk` must not hold (issue "One clean kiosk"): the demo and the
/// simulator with the HTTP server stack under them, swift-crypto and swift-certificates,
/// BoringSSL, and Foundation with ICU.
enum ForbiddenCode {
    /// Swift modules none of whose code may be linked in. `_CryptoExtras` only re-exports
    /// `CryptoExtras`, which holds the code.
    static let modules = [
        "Simulator", "SimulatorServer", "Hummingbird", "HummingbirdCore", "HummingbirdTLS", "NIOCore", "NIOPosix",
        "NIOSSL", "NIOHTTP1", "ServiceLifecycle", "Crypto", "_CryptoExtras", "CryptoExtras", "X509",
    ]

    /// The prefixes of the C symbols of the BoringSSL copies in swift-nio-ssl and swift-crypto.
    static let boringSSLPrefixes = ["CNIOBoringSSL_", "CCryptoBoringSSL_"]

    /// Shared libraries the kiosk may not name in `DT_NEEDED`: it uses FoundationEssentials only.
    static let libraries = ["libFoundation.so", "lib_FoundationICU.so", "libFoundationInternationalization.so"]

    /// The start of the mangled name of every Swift symbol of `module`: `$s`, then the module's
    /// name as a mangled identifier, its length in UTF-8 bytes and the name (`$s9Simulator`).
    static func mangledPrefix(ofModule module: String) -> String { "$s\(module.utf8.count)\(module)" }
}

/// A binary's symbol names, as `nm` lists them.
struct SymbolTable {
    let names: [String]

    /// The names in `nm`'s output: the last field of each line (`0000000000401000 T main`, `U free`).
    init(nmOutput: String) {
        names = nmOutput.split(separator: "\n").compactMap { $0.split(separator: " ").last.map(String.init) }
    }

    /// The Swift symbols that belong to `module`.
    func swiftSymbols(ofModule module: String) -> [String] {
        symbols(withPrefix: ForbiddenCode.mangledPrefix(ofModule: module))
    }

    func symbols(withPrefix prefix: String) -> [String] { names.filter { $0.hasPrefix(prefix) } }
}
