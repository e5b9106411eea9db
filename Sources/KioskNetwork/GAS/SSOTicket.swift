/// The Spine SSO ticket. It never prints itself: descriptions, debug output and mirrors show
/// `SSOTicket(redacted)`. It lives in memory only and reaches the wire through this module.
public struct SSOTicket: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    let value: String

    init(_ value: String) {
        self.value = value
    }

    public var description: String { "SSOTicket(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
