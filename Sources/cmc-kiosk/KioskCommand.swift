import ArgumentParser
import FoundationEssentials
import Glibc
import KioskApp
import KioskConfiguration

/// `cmc-kiosk`: signs clinicians in to Coordinate My Care with their NHS smartcard.
@main
struct KioskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cmc-kiosk",
        abstract: "A terminal login kiosk for Coordinate My Care with NHS smartcards.",
        discussion: """
            Without --demo, reads the configuration file (default \(KioskConfiguration.defaultPath)), \
            checks it, and runs the kiosk on this terminal with the machine's smartcard readers. \
            With --demo, runs cmc-kiosk-demo, installed beside it: the whole system on this machine, \
            simulated Spine and portal on loopback, a simulated reader and demo cards (F2 inserts a \
            card, F3 removes it, Ctrl-C quits). The ward kiosk itself carries no simulator. \
            `cmc-kiosk doctor` checks this terminal and prints a report instead of starting the kiosk. \
            --accessible is [display] accessible = true: for a screen reader or Braille display \
            (docs/accessibility.md).
            """,
        version: KioskLauncher.version,
        subcommands: [DoctorCommand.self])

    @Flag(help: "Run the self-contained demo: no card, reader, network or set-up needed.")
    var demo = false

    @Flag(help: "Accessible mode, as [display] accessible = true: no clock or spinner, nothing redrawn while nothing changes, the cursor on the focus, each state in one sentence.")
    var accessible = false

    @OptionGroup var options: ConfigurationOptions

    /// Parses and runs; a bad command line exits 2 with one line, like a bad configuration.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                fail("\(message(for: error)) (see cmc-kiosk --help)")
            }
            exit(withError: error)
        }
    }

    func run() async throws {
        let accessibleArgument = accessible ? ["--accessible"] : []
        if demo { DemoHandOff.run(arguments: (options.theme.map { ["--theme", $0] } ?? []) + accessibleArgument) }
        let hostName = ProcessInfo.processInfo.hostName
        var settings: KioskConfiguration
        do {
            settings = try KioskConfiguration.load(path: options.config, hostName: hostName)
        } catch {
            Self.fail("\(error)")
        }
        if accessible { settings.display.accessible = true }
        if settings.environment == .demo {
            DemoHandOff.run(
                arguments: ["--config", options.config] + (options.theme.map { ["--theme", $0] } ?? []) + accessibleArgument)
        }
        let servers: Servers
        do {
            _ = try SessionSetup.user(for: settings, file: options.config)
            servers = try Servers(ward: settings, file: options.config)
        } catch {
            Self.fail("\(error)")
        }
        let chosenTheme: Theme
        do {
            chosenTheme = try KioskLauncher.theme(named: options.theme ?? settings.theme)
        } catch {
            Self.fail("\(error)")
        }
        let cards: WardCards
        do {
            cards = try WardCards(settings.card.backend)
        } catch {
            Self.fail("\(error)")
        }
        do {
            let status = try await KioskLauncher.run(
                configuration: settings, theme: chosenTheme, servers: servers, cards: cards)
            throw ExitCode(status)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Self.fail("\(error)", status: 1)
        }
    }

    /// One clear line on standard error and the exit status: 2, a start-up error, before the
    /// screen is touched (on a terminal of a systemd unit, the screen says it too:
    /// ``StartUpFailure``), or 1, the kiosk failing once running.
    static func fail(_ line: String, status: Int32 = 2) -> Never {
        guard status != 2 else { StartUpFailure.report(line) }
        StartUpFailure.writeLine(line)
        Glibc.exit(status)
    }
}
