// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "cmc-kiosk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cmc-kiosk", targets: ["cmc-kiosk"]),
        .executable(name: "cmc-kiosk-demo", targets: ["cmc-kiosk-demo"]),
        .executable(name: "cmc-vcard", targets: ["cmc-vcard"]),
        .executable(name: "cmc-readers", targets: ["cmc-readers"]),
        .executable(name: "cmc-sim", targets: ["cmc-sim"]),
        .executable(name: "cmc-kiosk-screens", targets: ["cmc-kiosk-screens"]),
        // The parsers, for the separate fuzzing package in Fuzz/ (`scripts/fuzz`); the product does
        // not use them as libraries.
        .library(name: "GPObject", targets: ["GPObject"]),
        .library(name: "KioskNetwork", targets: ["KioskNetwork"]),
        .library(name: "SmartCard", targets: ["SmartCard"]),
        .library(name: "Secrets", targets: ["Secrets"]),
        .library(name: "KioskConfiguration", targets: ["KioskConfiguration"]),
        // Test support, not shipped: OpenSC's module with a signature that hangs, for
        // KioskPKCS11LifecycleTests' `[card] pkcs11_module` (a product, as SwiftPM builds a
        // shared library only for one).
        .library(name: "HangingPKCS11Module", type: .dynamic, targets: ["HangingPKCS11Module"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // C libraries, each behind one module; nothing above the adapters sees their handles.
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CPCSCLite", pkgConfig: "libpcsclite", providers: [.apt(["libpcsclite-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // The system's libcrypto, the one libcurl loads: the product's hashes and X.509, no BoringSSL.
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CPKCS11", pkgConfig: "p11-kit-1", providers: [.apt(["libp11-kit-dev"])]),
        // Macros, variadic functions and globals that Swift cannot import.
        .target(name: "CShims", dependencies: ["CPCSCLite", "CCurl", "CNcursesw", "COpenSSL"]),

        .target(name: "Secrets"),
        // Cards through a PKCS#11 module (OpenSC for PIV cards, or a vendor's), loaded by path.
        .target(name: "PKCS11Token", dependencies: ["CPKCS11", "PKCS1", "Secrets", "SmartCard"]),
        // Named POSIX threads for the adapters that block in C, without Foundation's Thread.
        .target(name: "SystemThreads", dependencies: ["CShims"]),
        // The kiosk's pure state machine: no C, no I/O, no clock.
        .target(name: "KioskCore"),
        // The terminal front end: ncursesw on one thread, one file per screen.
        .target(name: "TerminalUI", dependencies: ["CNcursesw", "CShims", "KioskCore", "SystemThreads"]),
        // The configuration file and the themes: pure Swift, reads only the files it is given.
        .target(name: "KioskConfiguration", dependencies: ["KioskCore", "PKCS1", "Secrets"]),
        // The lenient gpOBJECT reader and writer, shared by the GAS client and the GAS simulator.
        .target(name: "GPObject"),
        .target(
            name: "PKCS1",
            dependencies: [
                "COpenSSL",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(name: "SmartCard", dependencies: ["CShims", "CPCSCLite", "COpenSSL", "Secrets", "PKCS1", "SystemThreads"]),
        .target(
            name: "KioskNetwork",
            dependencies: [
                "CShims", "CCurl", "KioskCore", "PKCS1", "GPObject", "Secrets", "SystemThreads",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(
            name: "Simulator",
            dependencies: [
                "SmartCard", "PKCS1", "GPObject",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            // The demo CA (a link to Personas/demo/ca.pem), compiled in: the built-in demo users'
            // cards are trusted wherever cmc-sim is installed, with no file to find at run time.
            resources: [.embedInCode("Directory/demo-ca.pem")]
        ),
        // The GAS and portal simulators as an HTTP(S) server: routes, TLS, fault injection, status.
        .target(
            name: "SimulatorServer",
            dependencies: [
                "Simulator", "GPObject",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Wires the adapters to the core: the one loop, the card worker, Spine and portal
        // sessions, logouts, the session command.
        .target(
            name: "KioskShell",
            dependencies: ["CShims", "KioskCore", "SmartCard", "Secrets", "PKCS1", "KioskNetwork", "SystemThreads"]
        ),
        // Starts the kiosk: configuration, theme, terminal, readers, signals; `doctor`.
        .target(
            name: "KioskApp",
            dependencies: [
                "CShims", "KioskShell", "KioskCore", "KioskConfiguration", "TerminalUI", "KioskNetwork", "SmartCard",
                "PKCS11Token", "Secrets",
            ]
        ),
        // The trainers' demo: the simulators in-process, a simulated reader and the card picker.
        // Only cmc-kiosk-demo links it; the ward kiosk carries no simulator.
        .target(
            name: "KioskDemo",
            dependencies: [
                "CShims", "KioskApp", "KioskShell", "KioskCore", "KioskConfiguration", "TerminalUI", "SmartCard", "Simulator",
                "SimulatorServer",
            ]
        ),
        .executableTarget(
            name: "cmc-kiosk",
            dependencies: [
                "KioskApp", "KioskConfiguration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "cmc-kiosk-demo",
            dependencies: [
                "KioskDemo", "KioskApp", "KioskConfiguration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "cmc-sim",
            dependencies: [
                "SimulatorServer", "Simulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The screen gallery: one screen with sample states, for designers and tests.
        // It draws with the kiosk's own themes, loaded as the kiosk loads them.
        .executableTarget(name: "cmc-kiosk-screens", dependencies: ["TerminalUI", "KioskCore", "KioskConfiguration", "KioskApp"]),
        // Not a test: loopback round-trip times of every GAS and portal call, and cancellation latency.
        .executableTarget(
            name: "bench-network",
            dependencies: [
                "KioskNetwork", "Simulator", "SimulatorServer", "SmartCard", "Secrets",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Benchmarks/NetworkRoundTrips"
        ),
        // Drives the real kiosk in tmux through pcscd, vpcd, cmc-vcard and cmc-sim, for
        // bench-lifecycle and soak-lifecycle: the programs, the timing trace, a PC/SC watcher.
        .target(name: "LifecycleDriver", dependencies: ["CPCSCLite", "TerminalTestSupport"], path: "Benchmarks/LifecycleDriver"),
        // Not a test: the kiosk's lifecycle timed through pcscd, vpcd, cmc-vcard and cmc-sim.
        .executableTarget(
            name: "bench-lifecycle",
            dependencies: [
                "LifecycleDriver", "TerminalTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/SessionLifecycle"
        ),
        // Not a test: card pulled → every browser process gone, and → its portal pages ended,
        // for w3m and Chromium as the session command.
        .executableTarget(
            name: "bench-session-browser",
            dependencies: [
                "LifecycleDriver", "CShims",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/SessionBrowser"
        ),
        // Not a test: the real kiosk in a test bed's ward across the delay line, cmc-sim in its spine,
        // a private pcscd (vpcd 36081/36082): passcode → role list and → signed in as round trips and
        // time at several RTTs, removal → lock and → the portal's end.
        .executableTarget(
            name: "bench-thin-client",
            dependencies: [
                "LifecycleDriver", "NetworkTestBed", "PCSCTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/ThinClient"
        ),
        // Not a test: many sign-in and removal cycles at random, some cut short; crashes,
        // orphans, memory growth and lock latency, PASS or FAIL.
        .executableTarget(
            name: "soak-lifecycle",
            dependencies: [
                "LifecycleDriver", "TerminalTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/Soak"
        ),
        .executableTarget(
            name: "cmc-vcard",
            dependencies: [
                "Simulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Test-bed tool, not shipped: two TUN devices joined by a link with delay, jitter, loss
        // and outages (the kernel here has no sch_netem), for NetworkTestBed.
        .executableTarget(
            name: "cmc-delay-line",
            dependencies: [
                "CShims", "SystemThreads",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "cmc-readers",
            dependencies: [
                "SmartCard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "KioskCoreTests", dependencies: ["KioskCore"]),
        // Test support: a tmux terminal of a test's own.
        .target(name: "TerminalTestSupport", path: "Tests/TerminalTestSupport"),
        // Test support: a pcscd of a test's own, in a private mount namespace.
        .target(name: "PCSCTestSupport", path: "Tests/PCSCTestSupport"),
        .testTarget(name: "GPObjectTests", dependencies: ["GPObject"]),
        .testTarget(
            name: "SmartCardTests",
            dependencies: [
                "SmartCard", "Secrets", "Simulator", "PKCS1",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .testTarget(
            name: "SimulatorTests",
            dependencies: [
                "Simulator", "SmartCard", "PKCS1",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .testTarget(
            name: "CardIntegrationTests",
            dependencies: [
                "SmartCard", "Secrets", "Simulator", "PKCS1", "PCSCTestSupport", "cmc-vcard", "cmc-readers",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .testTarget(
            name: "KioskNetworkTests",
            dependencies: [
                "KioskNetwork", "CCurl", "PKCS1", "GPObject", "Simulator", "SimulatorServer", "SmartCard", "Secrets",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "KioskConfigurationTests", dependencies: ["KioskConfiguration", "PKCS1", "Secrets"]),
        .testTarget(
            // cmc-kiosk: built so that the tests can run it in tmux.
            name: "KioskEndToEndTests",
            dependencies: ["cmc-kiosk", "cmc-kiosk-demo", "TerminalTestSupport"]
        ),
        .testTarget(
            name: "KioskShellTests",
            dependencies: ["KioskShell", "KioskDemo", "KioskCore", "KioskNetwork", "PKCS1", "Simulator", "SimulatorServer"]
        ),
        // Test support: ward, WAN router, spine and proxy hosts in network namespaces, the ward's
        // link through cmc-delay-line, a real tinyproxy and sshd. Foundation only, for benchmarks too.
        .target(name: "NetworkTestBed", dependencies: ["TerminalTestSupport"], path: "Tests/NetworkTestBed"),
        .testTarget(
            // The test bed itself, with real traffic: delay, loss, outages, the proxy, SSH, a private
            // pcscd (vpcd 36063/36064) reached from the ward, teardown.
            name: "NetworkTestBedTests",
            dependencies: [
                "NetworkTestBed", "cmc-delay-line", "cmc-sim", "cmc-readers", "KioskProcessTestSupport", "PCSCTestSupport",
                "TerminalTestSupport",
            ]
        ),
        .testTarget(
            // The real kiosk in the ward namespace against cmc-sim in spine, across the delay line
            // and over SSH; a private pcscd (vpcd 36061/36062).
            name: "KioskThinClientTests",
            dependencies: [
                "cmc-kiosk", "cmc-sim", "cmc-vcard", "cmc-readers", "cmc-delay-line", "KioskProcessTestSupport",
                "PCSCTestSupport", "NetworkTestBed", "TerminalTestSupport",
            ]
        ),
        // Test support: the real kiosk in tmux, a cmc-sim over TLS, cmc-vcard cards, one test's world.
        .target(name: "KioskProcessTestSupport", dependencies: ["TerminalTestSupport"], path: "Tests/KioskProcessTestSupport"),
        .testTarget(
            // The real kiosk in tmux against separate cmc-sim and cmc-vcard processes and pcscd.
            name: "KioskLifecycleTests",
            dependencies: ["cmc-kiosk", "cmc-sim", "cmc-vcard", "KioskProcessTestSupport", "TerminalTestSupport"]
        ),
        .testTarget(
            // The real kiosk against pcscd going away, a stopped or unreachable cmc-sim, slow, broken
            // and untrusted answers; a private pcscd (vpcd 35989/35990) in its own mount namespace.
            name: "KioskServiceFaultTests",
            dependencies: [
                "cmc-kiosk", "cmc-sim", "cmc-vcard", "cmc-readers", "KioskProcessTestSupport", "PCSCTestSupport",
            ]
        ),
        // Test support: OpenSC's PKCS#11 module with the first signature held back (a C_Sign that hangs).
        .target(name: "HangingPKCS11Module", dependencies: ["CPKCS11"], path: "Tests/HangingPKCS11Module"),
        .testTarget(
            // The real kiosk with `[card] backend = "pkcs11"` through OpenSC's module, against
            // `cmc-vcard insert --piv` cards and cmc-sim, on a private pcscd (vpcd 36001/36002).
            name: "KioskPKCS11LifecycleTests",
            dependencies: ["cmc-kiosk", "cmc-sim", "cmc-vcard", "cmc-readers", "KioskProcessTestSupport", "PCSCTestSupport"]
        ),
        .testTarget(
            // The session command as a real browser (w3m, Chromium) through the real kiosk, on a
            // private pcscd (vpcd 36031/36032), as the unprivileged session user.
            name: "KioskSessionBrowserTests",
            dependencies: ["cmc-kiosk", "cmc-sim", "cmc-vcard", "cmc-readers", "KioskProcessTestSupport", "PCSCTestSupport"]
        ),
        .testTarget(
            // Card faults and terminal abuse against the real kiosk in tmux, cmc-sim and cmc-vcard,
            // on a private pcscd (vpcd 35987/35988).
            name: "KioskFaultTests",
            dependencies: [
                "cmc-kiosk", "cmc-sim", "cmc-vcard", "cmc-readers", "KioskProcessTestSupport", "PCSCTestSupport",
                "TerminalTestSupport",
            ]
        ),
        .testTarget(
            // The audit log of the real kiosk in tmux: a full disk, rotation, long server texts;
            // on a private pcscd.
            name: "KioskAuditTests",
            dependencies: [
                "cmc-kiosk", "cmc-sim", "cmc-vcard", "cmc-readers", "KioskProcessTestSupport", "PCSCTestSupport",
                "TerminalTestSupport",
            ]
        ),
        .testTarget(
            // `cmc-kiosk doctor` run as a process against cmc-sim over TLS and a private pcscd.
            name: "KioskDoctorTests",
            dependencies: ["KioskApp", "cmc-kiosk", "cmc-sim", "cmc-vcard", "cmc-readers", "PCSCTestSupport", "KioskProcessTestSupport"]
        ),
        .testTarget(
            // `cmc-kiosk doctor` through a real tinyproxy (authentication, a host filter), in a
            // network namespace of each test's own (198.18.200.x); the kiosk's start-up refusals.
            name: "KioskProxyTests",
            dependencies: ["cmc-kiosk", "cmc-sim", "KioskProcessTestSupport"]
        ),
        .testTarget(
            // The session browsers' locked-down configurations (deploy/w3m), in real w3m in tmux.
            name: "SessionBrowserTests",
            dependencies: ["KioskProcessTestSupport", "TerminalTestSupport"]
        ),
        .testTarget(
            // cmc-kiosk-screens: built so that the terminal tests can drive it in tmux.
            name: "TerminalUITests",
            dependencies: ["TerminalUI", "KioskCore", "TerminalTestSupport", "cmc-kiosk-screens"]
        ),
        .testTarget(
            // nm and readelf on the built cmc-kiosk: no demo, simulator, server stack, swift-crypto,
            // swift-certificates or BoringSSL, no Foundation but FoundationEssentials; cmc-kiosk-screens
            // is the clean control.
            name: "ProductionBinaryTests",
            dependencies: ["cmc-kiosk", "cmc-kiosk-screens", "KioskProcessTestSupport"]
        ),
        .testTarget(
            name: "SimulatorServerTests",
            dependencies: [
                // cmc-sim: built so that its command-line tests can run it.
                "SimulatorServer", "Simulator", "GPObject", "cmc-sim",
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .testTarget(
            // The virtual PIV card, command by command.
            name: "PIVCardTests",
            dependencies: [
                "Simulator", "SmartCard", "PKCS1",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        // Test support: the pkcs11 backend driven step by step in a process of its own.
        .executableTarget(
            name: "pkcs11-token-probe", dependencies: ["PKCS11Token", "PKCS1", "SmartCard", "Secrets"], path: "Tests/PKCS11TokenProbe"
        ),
        .testTarget(
            // The pkcs11 backend: its mappings, and `cmc-vcard insert --piv` through OpenSC's
            // module on a private pcscd (vpcd 35993/35994).
            name: "PKCS11TokenTests",
            dependencies: [
                "PKCS11Token", "PKCS1", "SmartCard", "CPKCS11", "cmc-vcard", "cmc-readers", "pkcs11-token-probe",
                "PCSCTestSupport", "KioskProcessTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(
            // `cmc-vcard insert --piv` through OpenSC's own tools (opensc-tool, pkcs11-tool) and
            // openssl, on a private pcscd (vpcd 35991/35992).
            name: "PIVConformanceTests",
            dependencies: [
                "cmc-vcard", "cmc-readers", "PCSCTestSupport", "KioskProcessTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
