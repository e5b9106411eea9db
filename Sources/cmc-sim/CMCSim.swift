import ArgumentParser
import Foundation
import Logging
import Simulator
import SimulatorServer

/// `cmc-sim`: the GAS and portal simulators as a server. Prints the URL it serves on its first line.
@main
struct CMCSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cmc-sim",
        abstract: "Simulate NHS Spine GAS and the CMC portal on one port.",
        discussion: """
            Prints the URL it serves on its first line of standard output, then serves until SIGINT or SIGTERM.
            Test-only endpoints: GET /_sim/status, POST|GET|DELETE /_sim/faults, POST /_sim/sessions/end.
            Browser pages behind the hand-off URL: GET /sso/handoff?code=…, /cmc/patients, /cmc/patients/<id>.
            """)

    @Option(help: "Address to listen on. Without TLS only a loopback address is allowed.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port = 0

    @Option(help: ArgumentHelp("Users JSON file (default: the built-in demo users).", valueName: "file"))
    var users: String?

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("Server certificate chain, PEM.", valueName: "pem"))
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("Server private key, PEM.", valueName: "pem"))
    var tlsKey: String?

    @Option(help: ArgumentHelp(
        "CA certificate(s) that issue card certificates, PEM (default with the built-in demo users: the demo CA, Personas/demo/ca.pem, built in).",
        valueName: "pem"))
    var ca: String?

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Portal idle timeout (default 900).", valueName: "seconds"))
    var idleTimeout: Double?

    @Option(help: ArgumentHelp("How long before the idle timeout the kiosk warns (default 120).", valueName: "seconds"))
    var warning: Double?

    @Option(name: .customLong("absolute-timeout"), help: ArgumentHelp("Portal absolute session limit (default 43200).", valueName: "seconds"))
    var absoluteTimeout: Double?

    @Option(help: ArgumentHelp("Portal lease: a session ends after this long without a call (default 60).", valueName: "seconds"))
    var lease: Double?

    @Option(name: .customLong("challenge-ttl"), help: ArgumentHelp("How long a GAS challenge may be answered (default 120).", valueName: "seconds"))
    var challengeTTL: Double?

    @Flag(name: .customLong("no-control"), help: "Do not serve /_sim/faults and /_sim/sessions/end.")
    var noControl = false

    @Option(name: .customLong("log-level"), help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "level"))
    var logLevel = "info"

    func run() async throws {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level \(logLevel): not a log level")
        }
        let configuration = try makeConfiguration()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "cmc-sim")
        let simulator = try await SimulatorServer.start(configuration, logger: logger)
        // Unbuffered: the first line reaches a reading test at once.
        FileHandle.standardOutput.write(Data((simulator.baseURL + "\n").utf8))
        if configuration.trustAnchors.isEmpty {
            logger.warning("--users without --ca: no card certificate is trusted, every validation answers AUTHENTICATION_FAILED")
        } else if ca == nil {
            logger.info("trusting the demo CA (Personas/demo/ca.pem) for the built-in demo users' cards")
        }
        let signals = SignalWatcher(signals: [SIGINT, SIGTERM]) {
            Task { await simulator.stop() }
        }
        await simulator.waitUntilStopped()
        signals.cancel()
    }

    private func makeConfiguration() throws -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration(host: host, port: port)
        var settings: UsersFile.Settings?
        if let users {
            let (file, _) = try UsersFile.load(path: users)
            configuration.users = file.users
            settings = file.settings
        }
        if tlsCert != nil || tlsKey != nil {
            guard let tlsCert, let tlsKey else { throw ValidationError("--tls-cert and --tls-key go together") }
            configuration.tls = TLSFiles(certificateChainPath: tlsCert, privateKeyPath: tlsKey)
        }
        if let ca {
            configuration.trustAnchors = try SimulatorConfiguration.loadTrustAnchors(path: ca)
        } else if users == nil {
            // The built-in users hold the demo cards, whose CA is built in too: the demo works out of the box.
            configuration.trustAnchors = try SimulatorConfiguration.trustAnchors(
                pem: DemoUsers.certificateAuthorityPEM, source: "the built-in demo CA")
        }
        var timeouts = configuration.timeouts
        timeouts.idle = idleTimeout ?? settings?.idleTimeoutSeconds ?? timeouts.idle
        timeouts.warning = warning ?? settings?.warningSeconds ?? timeouts.warning
        timeouts.absolute = absoluteTimeout ?? settings?.absoluteTimeoutSeconds ?? timeouts.absolute
        timeouts.lease = lease ?? settings?.leaseSeconds ?? timeouts.lease
        configuration.timeouts = timeouts
        configuration.challengeTTL = challengeTTL ?? settings?.challengeTTLSeconds ?? configuration.challengeTTL
        configuration.controlEndpointsEnabled = !noControl
        return configuration
    }

    /// Parses the command line and runs; a usage or configuration error exits 2 with one line.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .success {
                exit(withError: error)  // --help, --version
            }
            let line = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            FileHandle.standardError.write(Data("cmc-sim: \(line)\n".utf8))
            Foundation.exit(2)
        }
    }
}
