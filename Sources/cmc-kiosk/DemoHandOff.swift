import FoundationEssentials
import Glibc

/// `--demo`, and configurations for the demo environment: the ward kiosk carries no simulator,
/// so it hands over to `cmc-kiosk-demo`, installed beside it.
enum DemoHandOff {
    static let programName = "cmc-kiosk-demo"

    /// Replaces this process with the demo program, passing `arguments`; says what to do if the
    /// program is not there.
    static func run(arguments: [String]) -> Never {
        let program = URL(filePath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0])
            .deletingLastPathComponent().appending(path: programName).path
        guard access(program, X_OK) == 0 else {
            KioskCommand.fail(
                "the demo is the separate program \(programName), which is not installed beside this one (\(program)); "
                    + "from a source checkout, run scripts/demo")
        }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        execv(program, argv)
        KioskCommand.fail("could not start \(program): \(String(cString: strerror(errno)))")
    }
}
