import FoundationEssentials
import KioskApp
import KioskConfiguration
import KioskCore

/// The demo's session: w3m, locked down as `deploy/w3m` ships it for the wards, opening the
/// portal's patient list through the hand-off, inside the demo's terminal through
/// ``TerminalRelay`` so that the card-removal key still ends it. None when w3m is not installed.
enum DemoBrowser {
    static let w3m = "/usr/bin/w3m"

    /// The session command for a demo whose removal key is `removeKey`, run by `relay` (this
    /// program); nil without w3m or its shipped configuration.
    static func session(relay: String, removeKey: KeySpec) -> KioskConfiguration.Session? {
        guard FileManager.default.isExecutableFile(atPath: w3m),
              let folder = ResourceLocator.folder("deploy/w3m"),
              let command = try? CommandTemplate([
                  relay, "relay", "--intercept", removeKey.description, "--",
                  w3m, "-config", folder.appending(path: "config").path,
                  "-o", "keymap_file=" + folder.appending(path: "keymap").path, "{handoff_url}",
              ])
        else { return nil }
        return KioskConfiguration.Session(command: command, logoutWhenCommandExits: true, needsTerminal: true)
    }
}
