import Testing

/// The matching on a listing of names taken from a debug `cmc-kiosk`: a module's symbols are
/// found by their own names, not by other modules' names that mention it (`KioskShell`'s
/// `9Simulator`) or begin with the same letters (`CryptoBoringWrapper`, `CryptoExtras`).
@Suite("Finding a module's symbols in nm's output")
struct SymbolTableTests {
    static let listing = SymbolTable(nmOutput: """
        0000000000b3a2c0 R $s9Simulator7HandoffVN
        0000000000b41a18 R $s15SimulatorServerAAON
        0000000000a1f070 t $s7NIOCore3BoxCMF
        0000000000b52c40 R $s12CryptoExtras3ARCON
        0000000000b5e1a8 R $s19CryptoBoringWrapper0B7SSLAEADON
        0000000000b60b10 R $s6Crypto3AESON
        00000000004c2e10 T $s10KioskShell15VirtualCardSlotC4cardAC9Simulator0cD0V_tcfC
        00000000005e1e90 T CCryptoBoringSSLShims_BN_bin2bn
        00000000005f0a30 T CNIOBoringSSL_SSL_CTX_new
                         U free
        """)

    @Test("finds a module's own symbols", arguments: [
        ("Simulator", "$s9Simulator7HandoffVN"),
        ("SimulatorServer", "$s15SimulatorServerAAON"),
        ("NIOCore", "$s7NIOCore3BoxCMF"),
        ("CryptoExtras", "$s12CryptoExtras3ARCON"),
        ("Crypto", "$s6Crypto3AESON"),
    ])
    func findsModule(module: String, symbol: String) {
        #expect(Self.listing.swiftSymbols(ofModule: module) == [symbol])
    }

    @Test("finds nothing of a module that is not there", arguments: ["Hummingbird", "_CryptoExtras", "X509"])
    func findsNothing(module: String) {
        #expect(Self.listing.swiftSymbols(ofModule: module).isEmpty)
    }

    @Test("finds BoringSSL by its prefix")
    func findsBoringSSL() {
        #expect(Self.listing.symbols(withPrefix: "CNIOBoringSSL_") == ["CNIOBoringSSL_SSL_CTX_new"])
        #expect(Self.listing.symbols(withPrefix: "CCryptoBoringSSL_").isEmpty)
    }

    @Test("reads DT_NEEDED from readelf -d")
    func readsNeededLibraries() {
        let dynamic = """
            Dynamic section at offset 0x1d5c8 contains 31 entries:
              Tag        Type                         Name/Value
             0x0000000000000001 (NEEDED)             Shared library: [libFoundationEssentials.so]
             0x0000000000000001 (NEEDED)             Shared library: [libc.so.6]
             0x000000000000001d (RUNPATH)            Library runpath: [/opt/swift/usr/lib/swift/linux]
            """
        #expect(BuiltBinary.neededLibraries(readelfOutput: dynamic) == ["libFoundationEssentials.so", "libc.so.6"])
    }
}
