import ArgumentParser
import Foundation

/// `cmc-delay-line`: two TUN devices joined by an emulated link with delay, jitter, loss and
/// outages, for the network test bed (the kernel here has no `sch_netem`).
@main
struct DelayLineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cmc-delay-line",
        abstract: "Join two new TUN devices with a link that delays, drops and cuts IP packets.",
        discussion: """
            Prints "ready" once both TUN devices exist, then forwards every IP packet read on one \
            to the other after RTT/2 ± jitter (uniform), each direction in order, dropping a share \
            `loss` of them, and all of them while the link is down. Ends on SIGTERM, SIGINT or \
            when standard input closes; the devices vanish with the process.
            Control socket commands, one a line, each answered with one line "ok …" or "error …":
              set rtt_ms=300 jitter_ms=10 loss=0.02   change any of the three
              down | up                                cut the link or bring it back
              stats                                    settings and packets per direction
            """)

    @Argument(help: "The first TUN device's name (at most 15 characters).")
    var first: String

    @Argument(help: "The second TUN device's name (at most 15 characters).")
    var second: String

    @Option(help: ArgumentHelp("The Unix socket to create for control commands.", valueName: "path"))
    var control: String

    @Option(name: .customLong("rtt-ms"), help: "The round-trip time to start with, in milliseconds.")
    var rttMilliseconds: Double = 0

    @Option(name: .customLong("jitter-ms"), help: "The jitter to start with, ± milliseconds on each direction's delay.")
    var jitterMilliseconds: Double = 0

    @Option(help: "The share of packets to drop to start with, 0 to 1.")
    var loss: Double = 0

    func run() throws {
        for name in [first, second] where name.isEmpty || name.utf8.count > 15 || name.contains("/") {
            throw ValidationError("\(name.isEmpty ? "\"\"" : name): a TUN device name has 1 to 15 characters and no /")
        }
        guard first != second else { throw ValidationError("the two TUN devices need different names") }
        let settings = try LinkSettings(rttMilliseconds: rttMilliseconds, jitterMilliseconds: jitterMilliseconds, loss: loss)
        let stopWatch = try StopWatch()
        let link = try EmulatedLink(first: TunDevice(named: first), second: TunDevice(named: second), settings: settings)
        let server = try ControlServer(path: control, link: link)
        link.start()
        server.start()
        FileHandle.standardOutput.write(Data("ready\n".utf8))
        stopWatch.waitForStop()
        server.stop()
        link.stop()
    }

    /// Parses the command line and runs; a bad argument or a failing system call exits 1 with one line.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .success {
                exit(withError: error)  // --help
            }
            let line = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            FileHandle.standardError.write(Data("cmc-delay-line: \(line)\n".utf8))
            Foundation.exit(1)
        }
    }
}
