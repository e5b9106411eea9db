import ArgumentParser
import KioskApp

/// `cmc-kiosk doctor`: checks this terminal and prints one line per check.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check this terminal without starting the kiosk, and print one line per check.",
        discussion: """
            Checks the configuration and the theme (as at start-up), pcscd, the readers and the card \
            in them (ATR, certificate expiry), GAS and the portal over verified TLS, and this \
            machine's clock against theirs. Each line starts with ok, skip, warning or FAIL, and says \
            what to do. Exit status: 0 all ok, 1 warnings only, 2 a check failed (or a bad command \
            line). Reading a card resets it: run the doctor when no one is signed in.

            With --json, the same checks as one JSON object (schema in docs/deployment.md), with the same \
            exit status.
            """)

    @OptionGroup var options: ConfigurationOptions
    @Flag(help: "Print the checks as one JSON object, for support tickets and fleet monitoring.") var json = false
    @ParentCommand var kiosk: KioskCommand

    func validate() throws {
        if kiosk.demo { throw ValidationError("--demo needs no checking; doctor checks a configuration file") }
    }

    func run() async throws {
        let report = await Doctor.examine(configurationPath: options.config, theme: options.theme)
        print(json ? report.json(version: KioskLauncher.version) : report.text, terminator: "")
        throw ExitCode(report.exitStatus)
    }
}
