import KioskCore

extension KioskConfiguration {
    /// `[display]`: how the screens behave for people who use a screen reader or a Braille
    /// display, and whether the terminal bell sounds.
    public struct Display: Equatable, Sendable {
        /// `accessible`: no animation, no clock, nothing sent to the terminal while nothing
        /// changes, the cursor on what has the focus, and one plain sentence for every state.
        public var accessible: Bool
        /// `bell`: the terminal bell when a card has been read, on an error, and on locking.
        public var bell: Bool

        public init(accessible: Bool = false, bell: Bool = false) {
            self.accessible = accessible
            self.bell = bell
        }

        static func read(from document: TOMLDocument) throws(Problem) -> Self {
            Self(
                accessible: try document.field("accessible", in: ["display"])?.boolean() ?? false,
                bell: try document.field("bell", in: ["display"])?.boolean() ?? false)
        }
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
