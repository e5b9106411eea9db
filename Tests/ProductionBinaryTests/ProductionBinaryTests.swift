import Foundation
import KioskProcessTestSupport
import Testing

/// The `cmc-kiosk` SwiftPM built holds none of the demo, the simulator, the server stack,
/// swift-crypto, swift-certificates or BoringSSL, and names no Foundation library but
/// FoundationEssentials: checked with binutils' `nm` and `readelf` on the binary.
@Suite("The production cmc-kiosk binary is clean")
struct ProductionBinaryTests {
    static let kiosk = Package.program("cmc-kiosk")
    static let kioskSymbols = Result { try BuiltBinary.symbols(of: kiosk) }

    @Test("holds no Swift code of a module it must leave out", arguments: ForbiddenCode.modules)
    func noSwiftSymbols(ofModule module: String) throws {
        let found = try Self.kioskSymbols.get().swiftSymbols(ofModule: module)
        #expect(found.first == nil, "cmc-kiosk holds \(found.count) symbols of module \(module)")
    }

    @Test("holds no BoringSSL", arguments: ForbiddenCode.boringSSLPrefixes)
    func noBoringSSL(prefix: String) throws {
        let found = try Self.kioskSymbols.get().symbols(withPrefix: prefix)
        #expect(found.first == nil, "cmc-kiosk holds \(found.count) BoringSSL symbols \(prefix)…")
    }

    @Test("names no Foundation library but FoundationEssentials in DT_NEEDED", arguments: ForbiddenCode.libraries)
    func notNeeded(library: String) throws {
        let needed = try BuiltBinary.neededLibraries(of: Self.kiosk)
        #expect(!needed.contains(library), "cmc-kiosk names \(library) in DT_NEEDED")
    }

    /// The control: the screen gallery, built from the same package, has none of those modules, so
    /// the checks above do not find them where they are not.
    @Test("the checks find nothing in cmc-kiosk-screens, which has none of those modules")
    func cleanBinaryPasses() throws {
        let symbols = try BuiltBinary.symbols(of: Package.program("cmc-kiosk-screens"))
        let found = ForbiddenCode.modules.flatMap(symbols.swiftSymbols(ofModule:))
            + ForbiddenCode.boringSSLPrefixes.flatMap(symbols.symbols(withPrefix:))
        #expect(found.first == nil, "cmc-kiosk-screens holds \(found.count) symbols of the modules left out")
    }
}
