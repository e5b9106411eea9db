import ArgumentParser
import Foundation
import Glibc
import KioskApp
import KioskConfiguration
import KioskDemo

/// `cmc-kiosk-demo`: the whole kiosk for trainers, with no card, reader or network.
@main
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cmc-kiosk-demo",
        abstract: "The cmc-kiosk demo: the whole system on this machine, no card, reader or network needed.",
        discussion: """
            Runs simulated Spine and portal servers on loopback, a simulated reader and the demo cards \
            of Personas/demo (passcode 123456): F2 inserts a card, F3 removes it, Ctrl-C quits. \
            `cmc-kiosk --demo` runs this program. A configuration file with environment = "demo" \
            may change the keys, the theme and the helpdesk.
            """,
        version: KioskLauncher.version,
        subcommands: [RelayCommand.self])

    @Option(help: "A configuration file with environment = \"demo\" (default: the built-in demo configuration).")
    var config: String?

    @Option(help: "A theme name from Themes/ or a theme file.")
    var theme: String?

    @Flag(help: "Accessible mode, as [display] accessible = true (docs/accessibility.md).")
    var accessible = false

    @Flag(help: "Show the kiosk's own signed-in screen instead of the patient list in w3m (w3m opens it when installed).")
    var noBrowser = false

    func run() async throws {
        var settings: KioskConfiguration
        do {
            settings = try config.map { try KioskConfiguration.load(path: $0, hostName: Self.hostName) }
                ?? .demo(hostName: Self.hostName)
        } catch {
            Self.fail("\(error)")
        }
        if accessible { settings.display.accessible = true }
        guard settings.environment == .demo else {
            Self.fail("\(config ?? "") is for environment \"\(settings.environment.rawValue)\"; the demo needs environment = \"demo\" (run cmc-kiosk instead)")
        }
        let chosenTheme: Theme
        do {
            chosenTheme = try KioskLauncher.theme(named: theme ?? settings.theme)
        } catch {
            Self.fail("\(error)")
        }
        do {
            let program = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
            throw ExitCode(try await DemoLauncher.run(
                configuration: settings, theme: chosenTheme, browserRelay: noBrowser ? nil : program))
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Self.fail("\(error)", status: 1)
        }
    }

    private static var hostName: String { ProcessInfo.processInfo.hostName }

    /// One clear line on standard error, before the screen is touched, and the exit status.
    private static func fail(_ line: String, status: Int32 = 2) -> Never {
        FileHandle.standardError.write(Data("cmc-kiosk-demo: \(line)\n".utf8))
        Glibc.exit(status)
    }
}
