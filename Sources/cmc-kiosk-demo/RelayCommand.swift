import ArgumentParser
import KioskConfiguration
import KioskDemo

/// `cmc-kiosk-demo relay`: how the demo runs its session browser (not for people to run).
struct RelayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay",
        abstract: "Run a program on a pseudo-terminal of its own, passing every key on but the intercepted ones, "
            + "which signal the demo instead.",
        shouldDisplay: false)

    @Option(help: "A key to keep from the program (F3, Ctrl-R, …); the demo (the parent) gets SIGUSR2 instead.")
    var intercept: [String] = []

    @Argument(parsing: .postTerminator, help: "After --: the program (an absolute path) and its arguments.")
    var command: [String] = []

    func run() throws {
        var keys: [[UInt8]] = []
        for text in intercept {
            do {
                keys += KeySequences.bytes(for: try KeySpec(parsing: text))
            } catch {
                throw ValidationError(error.message)
            }
        }
        guard !command.isEmpty else { throw ValidationError("name the program to run after --") }
        throw ExitCode(TerminalRelay.run(command: command, intercepting: keys))
    }
}
