import KioskCore
import Testing

/// The reasons' wire names, as `spec/portal.md` spells them.
@Suite struct SessionReasonTests {
    static let portalReasons: [(SessionEndReason, String)] = [
        (.idleTimeout, "idle_timeout"), (.absoluteTimeout, "absolute_timeout"), (.logout, "logout"),
        (.replaced, "replaced"), (.leaseExpired, "lease_expired"), (.spineLogout, "spine_logout"),
    ]

    static let kioskReasons: [(LogoutReason, String)] = [
        (.cardRemoved, "card_removed"), (.userLogout, "user_logout"), (.idleTimeout, "idle_timeout"),
        (.kioskShutdown, "kiosk_shutdown"),
    ]

    @Test(arguments: portalReasons)
    func thePortalsReasonRoundTrips(_ reason: SessionEndReason, wireName: String) {
        #expect(reason.rawValue == wireName)
        #expect(SessionEndReason(wireName: wireName) == reason)
    }

    @Test func everyReasonOfThePortalIsInTheSpec() {
        #expect(Self.portalReasons.map(\.0) + [.unspecified] == SessionEndReason.allCases)
    }

    @Test(arguments: [nil, "", "maintenance", "IDLE_TIMEOUT"])
    func anUnknownOrMissingReasonIsUnspecified(_ wireName: String?) {
        #expect(SessionEndReason(wireName: wireName) == .unspecified)
    }

    @Test(arguments: kioskReasons)
    func theKiosksReasonRoundTrips(_ reason: LogoutReason, wireName: String) {
        #expect(reason.rawValue == wireName)
        #expect(LogoutReason(rawValue: wireName) == reason)
    }

    @Test func everyReasonOfTheKioskIsInTheSpec() {
        #expect(Self.kioskReasons.map(\.0) == LogoutReason.allCases)
    }
}
