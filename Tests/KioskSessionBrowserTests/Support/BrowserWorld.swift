import Foundation
import KioskProcessTestSupport
import PCSCTestSupport
import Testing

/// One test's world for a real browser as the session command: a private pcscd (vpcd ports
/// 36031/36032, readers named `Browser PCD`) in a mount namespace, the kiosk in tmux in that
/// namespace, a `cmc-sim` over TLS serving the portal's web front end, and the browser started
/// through the hand-off URL as the unprivileged `cmc-session-test` user, in a fresh home.
final class BrowserWorld: @unchecked Sendable {
    static let readerName = "Browser PCD"
    static let readerPort: UInt16 = 36031
    static let sessionUser = "cmc-session-test"

    let pcscd: PrivatePCSCD
    let scenario: Scenario
    var kiosk: KioskUnderTest { scenario.kiosk }
    var simulator: SimulatorProcess { scenario.simulator }
    var workspace: Workspace { scenario.workspace }
    /// Where the kiosk makes each session's home: short, as `home_base` must be (the
    /// workspace's own path is too long for it).
    static let homes = "/tmp/cmc-browser-homes-\(getpid())"
    var homes: String { Self.homes }

    /// `command` is the session command's TOML array, given the folder of files the session user
    /// may read (the simulator's CA among them).
    init(_ name: String, needsTerminal: Bool, command: @escaping (_ shared: String) throws -> String) throws {
        try SessionUser.ensure(Self.sessionUser)
        pcscd = try PrivatePCSCD.startedBlocking(friendlyName: Self.readerName, readerPort: Self.readerPort)
        do {
            let reader = ReaderSetup(name: pcscd.firstReaderName, port: Self.readerPort, launcher: pcscd.namespaced([]))
            // By name: w3m matches a certificate's DNS names only, not its IP addresses.
            scenario = try Scenario("browser-\(name)", simulatorOptions: ["--host", "localhost"], reader: reader) { workspace in
                let shared = try SessionUser.readableFolder(in: workspace)
                return """
                    [session]
                    command = \(try command(shared))
                    needs_terminal = \(needsTerminal)
                    user = "\(Self.sessionUser)"
                    home_base = "\(Self.homes)"
                    """
            }
        } catch {
            pcscd.shutDown()
            throw error
        }
    }

    /// Puts a demo persona's card in and types its passcode once asked for it.
    @discardableResult
    func insertAndEnterPasscode(demo name: String) throws -> VirtualCard {
        try scenario.insertAndEnterPasscode(demo: name)
    }

    /// The session homes there are now.
    func liveHomes() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: homes)) ?? []).sorted()
    }

    func finish() {
        scenario.finish()
        pcscd.shutDown()
        try? FileManager.default.removeItem(atPath: homes)
    }
}
