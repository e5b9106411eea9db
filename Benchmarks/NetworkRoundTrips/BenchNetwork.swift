import ArgumentParser
import Foundation
import SimulatorServer

/// `bench-network`: loopback round-trip times of every GAS and portal call through the kiosk's
/// libcurl client against the in-process simulator, over HTTPS and plain HTTP, and the latency of
/// cancelling a request in flight. A benchmark, not a test: it prints figures and asserts nothing.
@main
struct BenchNetwork: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-network", abstract: "Round-trip times of the GAS and portal calls on loopback.")

    @Option(help: "Measured iterations of each call (one unmeasured warm-up login comes first).")
    var iterations = 200

    @Option(help: "The demo persona whose virtual card signs.")
    var persona = "Personas/demo/several-roles.json"

    @Option(help: "The CA that issued the persona's certificate.")
    var ca = "Personas/demo/ca.pem"

    func run() async throws {
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        let command = "swift run -c \(build) bench-network --iterations \(iterations)"
        print("# bench-network: \(command)")
        print("# \(build) build, \(ProcessInfo.processInfo.activeProcessorCount) cores, \(Date().formatted(.iso8601))")
        print("# persona \(persona) signing with its VirtualCard in-process; simulator on 127.0.0.1")
        let card = try BenchmarkCard(persona: URL(fileURLWithPath: persona), passcode: "123456")
        let simulator = SimulatorConfiguration(trustAnchors: try SimulatorConfiguration.loadTrustAnchors(path: ca))
        for tls in [try LoopbackTLS(), nil] {
            let rows = try await RoundTrips(iterations: iterations, card: card, configuration: simulator, tls: tls).run()
            print("\n### \(tls == nil ? "plain HTTP" : "HTTPS") on 127.0.0.1\n")
            print(Samples.header)
            rows.forEach { print($0.row) }
        }
    }
}
