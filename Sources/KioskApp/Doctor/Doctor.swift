import FoundationEssentials
import KioskConfiguration
import KioskNetwork

/// `cmc-kiosk doctor`: checks, without a screen and without asking anything, whether this
/// terminal can sign clinicians in: the configuration and the theme, pcscd, the readers and the
/// card in them, GAS and the portal over verified TLS, the clock against theirs, and whom the
/// session command runs as.
///
/// Every check runs even when an earlier one failed, as far as it can without what failed.
public enum Doctor {
    /// Runs every check against the configuration at `configurationPath` (and `theme`, when
    /// given, in place of the configuration's).
    public static func examine(configurationPath: String, theme: String?) async -> DoctorReport {
        var report = DoctorReport()
        let configuration = ConfigurationCheck.configuration(
            path: configurationPath, hostName: ProcessInfo.processInfo.hostName, into: &report)
        ConfigurationCheck.theme(override: theme, configuration: configuration, into: &report)
        configuration.map { SessionCheck.findings(for: $0, file: configurationPath).forEach { report.add($0) } }
        let cards = configuration.flatMap { CardBackendCheck.run($0.card.backend, into: &report) }
        defer { cards?.finish() }

        if configuration?.environment == .demo {
            report.add(.skipped, "smartcards", "not checked: the demo uses its own simulated reader and cards")
            report.add(.skipped, "servers", "not checked: the demo uses its built-in simulators")
            return report
        }
        SmartCardCheck.run(
            readerFilter: configuration?.readerName ?? "", atrAllowlist: configuration?.card.atrAllowlist,
            cards: configuration == nil ? try? WardCards(.profile) : cards, now: Date(), into: &report)
        guard let configuration, case .remote(let gas, let portal, let caFile) = configuration.endpoints else {
            report.add(.skipped, "servers", "not checked: the configuration names them, and it has a problem")
            return report
        }
        await checkServers(gas: gas, portal: portal, caFile: caFile, network: configuration.network, into: &report)
        return report
    }

    /// GAS, the portal and the clock, through an HTTP engine set up as the kiosk's is.
    private static func checkServers(
        gas: URL, portal: URL, caFile: String?, network: KioskConfiguration.Network, into report: inout DoctorReport
    ) async {
        let engine: HTTPEngine
        do {
            engine = try HTTPEngine(configuration: HTTPEngine.Configuration(
                connectTimeout: .seconds(network.connectTimeoutSeconds),
                timeout: .seconds(network.requestTimeoutSeconds),
                extraCAFile: caFile, userAgent: "cmc-kiosk/\(KioskLauncher.version) (doctor)"))
        } catch {
            report.add(.failed, "trust store", "\(ServerCheck.explain(error, url: gas)): set [endpoints] ca_file "
                + "to a readable PEM file of the CA that signs your servers' certificates")
            report.add(.skipped, "servers", "not checked: no trust store")
            return
        }
        var readings: [ClockReading] = []
        var answered = false
        for (name, url) in [("GAS", gas), ("portal", portal)] {
            let (finding, reading) = await ServerCheck.probe(name, url: url, engine: engine)
            report.add(finding)
            answered = answered || finding.verdict != .failed
            readings += reading.map { [$0] } ?? []
        }
        report.add(ClockCheck.finding(readings, serversAnswered: answered))
    }
}
