@testable import KioskConfiguration
import KioskCore
import Testing

/// `[session] user` and `home_base`: read with the line of `user`, so that the start-up check of
/// this machine's users can name it; the name and the folder checked for form here.
@Suite("The session user in the configuration")
struct SessionUserConfigurationTests {
    @Test func aUserIsReadWithItsLineAndTheDefaultHomeBase() throws {
        let session = try #require(configuration("""
            environment = "live"
            [session]
            command = ["/usr/bin/w3m"]
            user = "cmc-session"
            """).value?.session)
        #expect(session.user == .init(name: "cmc-session", line: 4))
        #expect(session.homeBase == "/var/lib/cmc-kiosk/sessions")
        let custom = try #require(configuration("""
            environment = "live"
            [session]
            command = ["/usr/bin/w3m"]
            user = "_kiosk-1"
            home_base = "/srv/kiosk/homes"
            """).value?.session)
        #expect(custom.user?.name == "_kiosk-1" && custom.homeBase == "/srv/kiosk/homes")
    }

    @Test func withoutAUserTheCommandRunsAsBefore() throws {
        let session = try #require(configuration("environment = \"live\"\n[session]\ncommand = [\"/usr/bin/w3m\"]").value?.session)
        #expect(session.user == nil)
        #expect(session == .init(command: try CommandTemplate(["/usr/bin/w3m"]), logoutWhenCommandExits: true, needsTerminal: false))
    }

    @Test(arguments: [
        ("user = \"Root\"", "config.toml:4: session.user: \"Root\" is not a user name: 1 to 32 lower-case letters, digits, _ and -, starting with a letter or _"),
        ("user = \"\"", "config.toml:4: session.user: \"\" is not a user name: 1 to 32 lower-case letters, digits, _ and -, starting with a letter or _"),
        ("user = \"1abc\"", "config.toml:4: session.user: \"1abc\" is not a user name: 1 to 32 lower-case letters, digits, _ and -, starting with a letter or _"),
        ("user = \"a b\"", "config.toml:4: session.user: \"a b\" is not a user name: 1 to 32 lower-case letters, digits, _ and -, starting with a letter or _"),
        ("user = 1000", "config.toml:4: session.user: expected a quoted string, found an integer"),
        ("home_base = \"/var/lib/x\"", "config.toml:4: session.home_base: the homes are made for session.user: set it too, or leave home_base out"),
        ("user = \"s\"\nhome_base = \"sessions\"", "config.toml:5: session.home_base: must be the absolute path of a folder, such as \"/var/lib/cmc-kiosk/sessions\" (no trailing /, no . or .. parts)"),
        ("user = \"s\"\nhome_base = \"/\"", "config.toml:5: session.home_base: must be the absolute path of a folder, such as \"/var/lib/cmc-kiosk/sessions\" (no trailing /, no . or .. parts)"),
        ("user = \"s\"\nhome_base = \"/var/lib/../tmp\"", "config.toml:5: session.home_base: must be the absolute path of a folder, such as \"/var/lib/cmc-kiosk/sessions\" (no trailing /, no . or .. parts)"),
        ("user = \"s\"\nhome_base = \"/var//lib\"", "config.toml:5: session.home_base: must be the absolute path of a folder, such as \"/var/lib/cmc-kiosk/sessions\" (no trailing /, no . or .. parts)"),
        ("user = \"s\"\nhome_base = \"/var/lib/cmc-kiosk/a-folder-for-the-sessions\"", "config.toml:5: session.home_base: at most 40 bytes long, as \"/var/lib/cmc-kiosk/sessions\" is: programs make sockets in each session's TMPDIR beneath it, and a socket's path is at most 107 bytes"),
    ])
    func problemsNameTheLine(_ lines: String, _ error: String) {
        #expect(configurationError("environment = \"live\"\n[session]\ncommand = [\"/usr/bin/w3m\"]\n\(lines)") == error)
    }

    @Test func aLongNameIsRefused() {
        #expect(KioskConfiguration.Session.isUserName(String(repeating: "a", count: 32)))
        #expect(!KioskConfiguration.Session.isUserName(String(repeating: "a", count: 33)))
    }
}
