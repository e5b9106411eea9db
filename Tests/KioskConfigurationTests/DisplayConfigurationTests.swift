import KioskCore
import Testing
@testable import KioskConfiguration

/// `[passcode] echo` and `[display]`: read with their defaults, and wrong values named with the
/// file, line and key.
@Suite struct DisplayConfigurationTests {
    @Test func theDefaultsAreAnIndicatorNoAccessibleModeAndNoBell() throws {
        let settings = try #require(configuration(#"environment = "live""#).value)
        #expect(settings.passcodeEcho == .indicator)
        #expect(settings.display == DisplayOptions(accessible: false, bell: false))
        #expect(KioskConfiguration.demo(hostName: "h").passcodeEcho == .indicator)
    }

    @Test(arguments: PasscodeEcho.allCases)
    func everyEchoIsRead(echo: PasscodeEcho) throws {
        let settings = try #require(configuration("""
            environment = "live"
            [passcode]
            echo = "\(echo.rawValue)"
            """).value)
        #expect(settings.passcodeEcho == echo)
    }

    @Test func accessibleModeAndTheBellAreRead() throws {
        let settings = try #require(configuration("""
            environment = "live"
            [display]
            accessible = true
            bell = true
            """).value)
        #expect(settings.display == DisplayOptions(accessible: true, bell: true))
    }

    @Test(arguments: [
        ("[passcode]\necho = \"stars\"", #"config.toml:3: passcode.echo: "stars" is not an echo; use none, indicator or dots"#),
        ("[passcode]\necho = true", "config.toml:3: passcode.echo: expected a quoted string, found true or false"),
        ("[display]\naccessible = \"yes\"", "config.toml:3: display.accessible: expected true or false, found a string"),
        ("[display]\nbel = true", "config.toml:3: display.bel: unknown key (did you mean display.bell?)"),
        ("[passcode]\nmask = \"dots\"", "config.toml:3: passcode.mask: unknown key"),
    ])
    func mistakesNameTheFileLineAndKey(text: String, message: String) {
        #expect(configurationError("environment = \"live\"\n" + text) == message)
    }
}
