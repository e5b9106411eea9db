// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for the kiosk's parsers, in a package of their own so that the product's
// build never sees the sanitizer flags. `scripts/fuzz` builds and runs them; docs/fuzzing.md says
// what each covers. Every target is an executable whose `@main` hands its `LLVMFuzzerTestOneInput`
// to libFuzzer's driver; the instrumentation comes from the build command (`-sanitize=fuzzer,address`).
let kiosk = "cmc-kiosk"

func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: kiosk) },
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}

let package = Package(
    name: "cmc-kiosk-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: kiosk, path: "..")],
    targets: [
        .systemLibrary(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
        fuzzTarget("fuzz-gpobject", ["GPObject"]),
        fuzzTarget("fuzz-spine-role", ["GPObject", "KioskNetwork"]),
        fuzzTarget("fuzz-portal-json", ["KioskNetwork"]),
        fuzzTarget("fuzz-apdu", ["SmartCard", "Secrets"]),
        fuzzTarget("fuzz-card-certificate", ["SmartCard"]),
        fuzzTarget("fuzz-configuration", ["KioskConfiguration"]),
        fuzzTarget("fuzz-theme", ["KioskConfiguration"]),
    ],
    swiftLanguageModes: [.v6]
)
