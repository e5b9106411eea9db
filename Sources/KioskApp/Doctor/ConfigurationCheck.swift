import FoundationEssentials
import KioskConfiguration

/// The configuration file and the theme, checked exactly as the kiosk checks them at start-up,
/// so that a problem is reported with the same file:line line the kiosk would exit with.
enum ConfigurationCheck {
    /// The validated configuration, or nil (and a failure naming file, line and key).
    static func configuration(path: String, hostName: String, into report: inout DoctorReport) -> KioskConfiguration? {
        do {
            let configuration = try KioskConfiguration.load(path: path, hostName: hostName)
            report.add(.ok, "configuration", "\(path): environment \(configuration.environment.rawValue), "
                + "device \(configuration.deviceID)")
            return configuration
        } catch {
            let advice = FileManager.default.fileExists(atPath: path)
                ? "correct the file: docs/configuration.md lists every key"
                : "write one (deploy/kiosk.toml is an example for a ward), or give its path with --config"
            report.add(.failed, "configuration", "\(error); \(advice)")
            return nil
        }
    }

    /// Loads the theme the kiosk would use: `override` (from `--theme`), else the configuration's.
    static func theme(override: String?, configuration: KioskConfiguration?, into report: inout DoctorReport) {
        guard let name = override ?? configuration?.theme else {
            report.add(.skipped, "theme", "not checked: the configuration names it, and the configuration has a problem")
            return
        }
        do {
            let theme = try KioskLauncher.theme(named: name)
            let source = name.contains("/") || name.hasSuffix(".toml")
                ? name : "\(name).toml in \(ResourceLocator.folder("Themes")?.path ?? "Themes/")"
            report.add(.ok, "theme", "\"\(theme.name)\" from \(source)")
        } catch {
            report.add(.failed, "theme", "\(error). Correct the theme file or choose a shipped theme "
                + "(nhs, high-contrast, mono, training)")
        }
    }
}
