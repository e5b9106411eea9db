/// How the screens are shown beyond the theme: `[display]` in the configuration.
public struct DisplayOptions: Equatable, Sendable {
    /// No spinner, no clock, nothing drawn while nothing changes, the cursor on what has the
    /// focus, and the state in one plain sentence at the top of the main area.
    public var accessible: Bool
    /// The terminal bell when a card has been read, on an error, and on locking (``Bell``).
    public var bell: Bool

    public init(accessible: Bool = false, bell: Bool = false) {
        self.accessible = accessible
        self.bell = bell
    }
}
