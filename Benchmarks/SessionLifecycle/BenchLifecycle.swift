import ArgumentParser
import Foundation
import LifecycleDriver
import TerminalTestSupport

/// Not a test: times the real kiosk's lifecycle through pcscd, vpcd, `cmc-vcard` and `cmc-sim`
/// (TLS on loopback), against a minimal PC/SC watcher on the same reader, and prints tables. With
/// `--baseline`, an older kiosk is measured in the same run; with `--backends`, each kiosk under
/// each card backend; the tables show every one.
@main
struct BenchLifecycle: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-lifecycle",
        abstract: "Times cmc-kiosk: removal to lock screen and to portal logout, insert to passcode prompt, passcode to role list, cold start, idle CPU and memory.",
        discussion: """
            Needs pcscd with vsmartcard-vpcd (scripts/setup). Uses one vpcd reader: nothing else may use it meanwhile.

            With --baseline (e.g. the path scripts/bench-baseline prints), both kiosks run against the same simulator, \
            reader and cards with the same configuration file: the cold starts alternate between them, then each \
            kiosk's cycles run in turn, the baseline's first.

            With --backends profile,pkcs11, each kiosk is measured under each backend in turn, in the same way: \
            the pkcs11 one with `[card] backend = "pkcs11"` and the module --pkcs11-module in its configuration \
            file, and PIV cards (cmc-vcard insert --piv) made from the same personas. Its OPENSC_CONF is the \
            kiosk's Middleware/opensc.conf with every other reader ignored: OpenSC would connect to their cards.
            """)

    @Option(help: "The kiosk to measure (default: the cmc-kiosk built beside this program).") var kiosk: String?
    @Option(help: "An older cmc-kiosk to measure in the same run, for comparison.") var baseline: String?
    @Option(help: "The card backends to measure each kiosk under, comma-separated: profile, pkcs11.") var backends = "profile"
    @Option(help: "The PKCS#11 module of the pkcs11 backend.") var pkcs11Module = CardBackend.openSCModule
    @Option(help: "Sign-in and removal cycles.") var cycles = 50
    @Option(help: "Cycles timing passcode to role list.") var roleCycles = 20
    @Option(help: "Seconds on the lock screen over which idle CPU is measured.") var idleSeconds = 60
    @Option(help: "Cold starts timed.") var coldStarts = 10
    @Option(help: "The vpcd reader's name.") var reader = "Virtual PCD 00 00"
    @Option(help: "The vpcd port of that reader.") var port = 35963

    func validate() throws { _ = try cardBackends() }

    func run() throws {
        let kiosks = MeasuredKiosk.pairs(builds: try kioskBuilds(), backends: try cardBackends())
        let bench = try Workbench(name: "bench-lifecycle")
        let pki = try ServerPKI(in: bench)
        let simulator = try SimulatorRun(pki: pki, in: bench)
        defer { simulator.stop() }
        let session = LifecycleSession(
            bench: bench, pki: pki, simulator: simulator, watcher: try PCSCWatcher(readerName: reader),
            reader: reader, port: port)
        print("bench-lifecycle: \(cycles) cycles on \"\(reader)\", simulator \(simulator.url), files in \(bench.path)")
        for kiosk in kiosks { print("  \(kiosk.label): \(kiosk.build.path), backend \(kiosk.backend.name)") }
        print()

        var figures = kiosks.map { KioskFigures(kiosk: $0) }
        let tmuxStart = try session.timeColdStarts(runs: coldStarts, of: &figures)
        for index in figures.indices {
            try session.measure(&figures[index], cycles: cycles, roleCycles: roleCycles, idleSeconds: idleSeconds)
        }
        Report(cycles: cycles, idleSeconds: idleSeconds, tmuxStart: tmuxStart, kiosks: figures).print()
    }

    /// The baseline, if any, then the kiosk of this build; each must be an executable file.
    private func kioskBuilds() throws -> [KioskBuild] {
        let builds = [
            baseline.map { KioskBuild(label: "baseline", path: $0) },
            KioskBuild(label: "this build", path: kiosk ?? Workbench.program("cmc-kiosk")),
        ].compactMap { $0 }
        for build in builds where !FileManager.default.isExecutableFile(atPath: build.path) {
            throw BenchError.failed("\(build.label): \(build.path) is not an executable file")
        }
        return builds
    }

    /// `--backends` as backends, the pkcs11 one with `--pkcs11-module`; each at most once.
    private func cardBackends() throws -> [CardBackend] {
        let names = backends.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let chosen = names.compactMap { CardBackend(name: $0, pkcs11Module: pkcs11Module) }
        guard !chosen.isEmpty, chosen.count == names.count, Set(names).count == names.count else {
            throw ValidationError("--backends takes profile, pkcs11 or both, comma-separated, not \"\(backends)\"")
        }
        return chosen
    }
}
