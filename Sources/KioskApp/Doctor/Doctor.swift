import FoundationEssentials
import Glibc
import KioskConfiguration
import KioskNetwork

/// `cmc-kiosk doctor`: checks, without a screen and without asking anything, whether this
/// terminal can sign clinicians in: the configuration and the theme, pcscd, the readers and the
/// card in them, the proxy, GAS and the portal over verified TLS, the clock against theirs, and
/// whom the session command runs as.
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
        await checkServers(
            gas: gas, portal: portal, caFile: caFile, configuration: configuration, file: configurationPath, into: &report)
        return report
    }

    /// The proxy, GAS, the portal and the clock, through an HTTP engine set up as the kiosk's is.
    private static func checkServers(
        gas: URL, portal: URL, caFile: String?, configuration: KioskConfiguration, file: String,
        into report: inout DoctorReport
    ) async {
        let proxy: HTTPProxy?
        do {
            // Run as root, the doctor is not the kiosk's user: the file's owner is left unchecked.
            proxy = try ProxySetup.proxy(
                configuration.network.proxy, configurationFile: file, owner: geteuid() == 0 ? nil : geteuid())
        } catch {
            report.add(.failed, "proxy", "\(error)")
            report.add(.skipped, "servers", "not checked: the proxy's password cannot be read")
            return
        }
        let network = configuration.network
        let engine: HTTPEngine
        do {
            engine = try HTTPEngine(configuration: HTTPEngine.Configuration(
                connectTimeout: .seconds(network.connectTimeoutSeconds),
                timeout: .seconds(network.requestTimeoutSeconds),
                extraCAFile: caFile, userAgent: "cmc-kiosk/\(KioskLauncher.version) (doctor)", proxy: proxy))
        } catch {
            report.add(.failed, "trust store", "\(ServerCheck.explain(error, url: gas)): set [endpoints] ca_file "
                + "to a readable PEM file of the CA that signs your servers' certificates")
            report.add(.skipped, "servers", "not checked: no trust store")
            return
        }
        var probes: [ServerCheck.Probe] = []
        for (name, url) in [("GAS", gas), ("portal", portal)] {
            probes.append(await ServerCheck.probe(name, url: url, engine: engine))
        }
        let route = ProxyRoute.of(proxy, environment: ProcessInfo.processInfo.environment)
        report.add(ProxyCheck.finding(route, outcomes: probes.map(\.failure)))
        report.proxy = DoctorReport.Proxy(route: route, outcomes: probes.map(\.failure))
        probes.forEach { report.add($0.finding) }
        let answered = probes.contains { $0.finding.verdict != .failed }
        report.add(ClockCheck.finding(probes.compactMap(\.reading), serversAnswered: answered))
    }
}
