import Foundation

/// A session that has ended, kept so that later calls learn why.
public struct EndedSession: Sendable, Equatable {
    public let session: PortalSessionRecord
    public let reason: Reason
    public let endedAt: Date
    /// The kiosk's reason sent with `DELETE current` (`card_removed`, `user_logout`, …), if any.
    public var logoutReason: String?

    /// Why the portal ended a session: the `reason` of `session_ended` (`spec/portal.md`).
    ///
    /// Spelt here from the spec, not taken from the kiosk's own type: the simulator stands in for
    /// the portal at the other end of the wire, so a kiosk that misspelt a reason fails its tests
    /// against it. An open set: `POST /_sim/sessions/end` may name a reason the spec does not,
    /// as a newer portal might, to show how a kiosk copes with one.
    public struct Reason: RawRepresentable, Hashable, Codable, Sendable {
        public let rawValue: String

        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        public static let idleTimeout = Self(rawValue: "idle_timeout")
        public static let absoluteTimeout = Self(rawValue: "absolute_timeout")
        public static let logout = Self(rawValue: "logout")
        public static let replaced = Self(rawValue: "replaced")
        public static let leaseExpired = Self(rawValue: "lease_expired")
        public static let spineLogout = Self(rawValue: "spine_logout")
    }
}
