import ArgumentParser
import KioskConfiguration

/// The configuration file and theme options, shared by the kiosk and `cmc-kiosk doctor`: the
/// same group in both, so that `cmc-kiosk doctor --config FILE` checks FILE and both help
/// screens list them.
struct ConfigurationOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file.")
    var config: String = KioskConfiguration.defaultPath

    @Option(help: "A theme name from Themes/ or a theme file, overriding the configuration's.")
    var theme: String?
}
