import Foundation

/// The portal's session limits, in seconds.
public struct PortalTimeouts: Sendable, Equatable {
    /// Ends a session with no user activity (keep-alive) for this long.
    public var idle: TimeInterval
    /// How long before the idle timeout the kiosk warns.
    public var warning: TimeInterval
    /// Ends a session this long after it opened, whatever happens.
    public var absolute: TimeInterval
    /// Ends a session the kiosk has not called for this long.
    public var lease: TimeInterval

    /// The portal's production values: 15 min idle, 2 min warning, 12 h absolute, 60 s lease.
    public static let standard = PortalTimeouts(idle: 900, warning: 120, absolute: 43_200, lease: 60)

    public init(idle: TimeInterval, warning: TimeInterval, absolute: TimeInterval, lease: TimeInterval) {
        self.idle = idle
        self.warning = warning
        self.absolute = absolute
        self.lease = lease
    }
}
