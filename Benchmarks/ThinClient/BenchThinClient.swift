import ArgumentParser
import Foundation
import LifecycleDriver
import NetworkTestBed
import PCSCTestSupport

/// Not a test: the real kiosk on a thin client's link. The kiosk runs in the test bed's ward
/// namespace against `cmc-sim` in the spine namespace, across the userspace delay line; for each
/// round-trip time, cycles of sign-in with a role list and removal are timed from the kiosk's
/// timing trace, its screens and its HTTP transfers with their round trips. The card is read
/// through a pcscd of the bench's own, as a thin client's redirected reader is local to it.
@main
struct BenchThinClient: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-thin-client",
        abstract: "Round trips and times from the passcode to the role list and to Signed in, and removal to lock and to the portal's end, at several RTTs.",
        discussion: """
            Needs root (network namespaces, a private pcscd in a mount namespace), pcscd with vsmartcard-vpcd and \
            tmux (scripts/setup), and cmc-kiosk, cmc-sim, cmc-vcard, cmc-readers and cmc-delay-line built beside \
            this program. Its pcscd's vpcd readers take the ports --port and --port + 1. The link has no jitter and \
            no loss, so that the figures are clean.
            """)

    @Option(help: "Sign-in and removal cycles at each RTT.") var cycles = 10
    @Option(help: "The round-trip times, in ms, comma-separated.") var rtts = "0,50,150,300"
    @Option(help: "Seconds from the passcode prompt to the passcode typed: the clinician typing.") var typingPause = 2.0
    @Option(help: "The vpcd port of the private pcscd's first reader (the second takes the next).") var port = 36081

    func validate() throws {
        guard cycles > 0 else { throw ValidationError("--cycles must be at least 1") }
        guard (1_024...65_534).contains(port) else { throw ValidationError("--port must be from 1024 to 65534") }
        guard typingPause >= 0 else { throw ValidationError("--typing-pause cannot be negative") }
        _ = try roundTripTimes()
    }

    func run() throws {
        let bench = try Workbench(name: "bench-thin-client")
        let pki = try ServerPKI(in: bench, addresses: [BedAddress.spine])
        let bed = try TestBed(name: "bench")
        defer { bed.tearDown() }
        let simulator = try SimulatorRun(pki: pki, host: BedAddress.spine, launcher: bed.launcher(for: .spine), in: bench)
        defer { simulator.stop() }
        let pcscd = try PrivatePCSCD.startedBlocking(friendlyName: "Bench PCD", readerPort: UInt16(port))
        defer { pcscd.shutDown() }
        // The watcher, outside the pcscd's namespace, reaches it by its socket's path.
        setenv("PCSCLITE_CSOCK_NAME", pcscd.socketPath, 1)
        let reader = pcscd.firstReaderName
        let watcher = try PCSCWatcher(readerName: reader)
        let kiosk = try KioskRun(simulator: simulator, pki: pki, readerName: reader,
                                 launcher: bed.launcher(for: .ward) + pcscd.namespaced([]), in: bench, name: "kiosk")
        defer { kiosk.stop() }
        guard kiosk.drawn("locked", after: 0, seconds: 30) != nil else {
            throw BenchError.failed("the kiosk never drew its lock screen (see \(kiosk.errorLogPath))")
        }
        print("bench-thin-client: \(cycles) cycles per RTT on \"\(reader)\", simulator \(simulator.url) in the spine namespace, "
            + "files in \(bench.path)")
        print(MachineFacts().description)
        print("link: userspace delay line (cmc-delay-line, no netem), no jitter, no loss; typing pause \(typingPause) s\n")

        let driver = ThinClientCycle(kiosk: kiosk, watcher: watcher, port: port, typingPause: typingPause)
        var figures: [RTTFigures] = []
        for rtt in try roundTripTimes() {
            try bed.setLink(rtt: .milliseconds(rtt))
            print("RTT \(rtt) ms: \(cycles) cycles")
            var atRTT = RTTFigures(rtt: Double(rtt))
            for _ in 0..<cycles { atRTT.add(try driver.run(rtt: Double(rtt))) }
            figures.append(atRTT)
        }
        let report = ThinClientReport(figures: figures, cycles: cycles)
        report.print()
        // Out before the teardown, whose pcscd ending makes the watcher say so on standard error.
        fflush(nil)
        if !report.goalsMet { throw ExitCode.failure }
    }

    /// `--rtts` as milliseconds.
    private func roundTripTimes() throws -> [Int] {
        let values = rtts.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? -1) >= 0 && ($0 ?? 0) <= 5_000 }) else {
            throw ValidationError("--rtts takes round-trip times in ms from 0 to 5000, comma-separated, not \"\(rtts)\"")
        }
        return values.compactMap { $0 }
    }
}
