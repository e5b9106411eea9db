import KioskCore

extension KioskConfiguration {
    /// `[display]`: `accessible` and `bell`, both off unless set.
    static func readDisplay(_ document: TOMLDocument) throws(Problem) -> DisplayOptions {
        DisplayOptions(
            accessible: try document.field("accessible", in: ["display"])?.boolean() ?? false,
            bell: try document.field("bell", in: ["display"])?.boolean() ?? false)
    }

    /// `[passcode] echo`: none, indicator (the default) or dots.
    static func readPasscodeEcho(_ document: TOMLDocument) throws(Problem) -> PasscodeEcho {
        guard let field = document.field("echo", in: ["passcode"]) else { return .indicator }
        let name = try field.string()
        guard let echo = PasscodeEcho(rawValue: name) else {
            throw field.problem("\"\(name)\" is not an echo; use none, indicator or dots")
        }
        return echo
    }
}
