import Foundation
import KioskCore
import Testing

/// The portal's timers, on a virtual clock that ticks once a second from sign-in (second 0).
@Suite("Session timers")
struct SessionTimerTests {
    static func signedIn(_ session: PortalSession = Fixture.session()) -> Kiosk {
        var kiosk = Kiosk()
        kiosk.send(Steps.signedIn(session))
        return kiosk
    }

    static func seconds(of fired: [(second: Int, effect: KioskEffect)], _ effect: KioskEffect) -> [Int] {
        fired.filter { $0.effect == effect }.map(\.second)
    }

    @Test("status is asked every lease / 3", arguments: [30, 60, 90] as [TimeInterval])
    func statusChecks(_ lease: TimeInterval) {
        var kiosk = Self.signedIn(Fixture.session(lease: lease))

        let fired = kiosk.advance(to: Int(lease))

        let third = Int(lease) / 3
        #expect(Self.seconds(of: fired, .checkPortalStatus(attempt: 1)) == [third, 2 * third, 3 * third])
        #expect(fired.allSatisfy { $0.effect == .checkPortalStatus(attempt: 1) })
    }

    struct Activity: Sendable, CustomTestStringConvertible {
        let keys: [Int]
        let keepAlives: [Int]
        var testDescription: String { "keys at \(keys) → keep-alive at \(keepAlives)" }
    }

    static let activities: [Activity] = [
        Activity(keys: [10, 59], keepAlives: []),
        Activity(keys: [60], keepAlives: [60]),
        Activity(keys: [30, 60, 90, 119, 120], keepAlives: [60, 120]),
        Activity(keys: [61, 100, 121], keepAlives: [61, 121]),
        Activity(keys: [300, 301, 302, 360], keepAlives: [300, 360]),
    ]

    @Test("keyboard activity sends keep-alive at most once a minute", arguments: activities)
    func keepAliveOnActivity(_ activity: Activity) {
        var kiosk = Self.signedIn()
        var sent: [Int] = []

        for second in activity.keys {
            kiosk.advance(to: second)
            if kiosk.press(.character("a")) == [.sendKeepAlive(attempt: 1)] { sent.append(second) }
        }

        #expect(sent == activity.keepAlives)
        #expect(kiosk.signedIn?.idleDeadline == Fixture.start.addingTimeInterval(TimeInterval((sent.last ?? 0) + 900)))
    }

    /// The portal's idle_timeout_seconds and warning_seconds.
    static let idleTimers: [(Int, Int)] = [(900, 120), (600, 60), (1800, 300)]

    @Test("the warning shows warning_seconds before the idle timeout", arguments: idleTimers)
    func warningWindow(_ idle: Int, _ warning: Int) throws {
        var kiosk = Self.signedIn(Fixture.session(idleTimeout: TimeInterval(idle), warning: TimeInterval(warning)))

        kiosk.advance(to: idle - warning - 1)
        #expect(kiosk.signedIn?.warns(at: kiosk.state.now) == false)
        kiosk.advance(to: idle - warning)
        let signedIn = try #require(kiosk.signedIn)
        #expect(signedIn.warns(at: kiosk.state.now))
        #expect(signedIn.secondsLeft(at: kiosk.state.now) == warning)
    }

    @Test("\"stay signed in\" during the warning sends keep-alive and clears it")
    func staySignedIn() throws {
        var kiosk = Self.signedIn()
        kiosk.advance(to: 800)

        #expect(kiosk.press(.staySignedIn) == [.sendKeepAlive(attempt: 1)])

        let signedIn = try #require(kiosk.signedIn)
        #expect(!signedIn.warns(at: kiosk.state.now))
        #expect(signedIn.idleDeadline == Fixture.start.addingTimeInterval(800 + 900))
        kiosk.advance(to: 1699)
        #expect(PhaseKind(kiosk.phase) == .signedIn)
    }

    @Test("the idle timeout ends the session, then asks for the card with why", arguments: idleTimers)
    func idleExpiry(_ idle: Int, _ warning: Int) {
        var kiosk = Self.signedIn(Fixture.session(idleTimeout: TimeInterval(idle), warning: TimeInterval(warning)))
        #expect(!kiosk.advance(to: idle - 1).map(\.effect).teardownSteps.contains(.logOut(.idleTimeout)))
        #expect(PhaseKind(kiosk.phase) == .signedIn)

        let fired = kiosk.advance(to: idle).map(\.effect)

        #expect(kiosk.phase == .endingSession(.idleTimeout))
        #expect(
            fired == [
                Fixture.teardown(.idleTimeout, attempt: 1, then: [.reportFinished]),
                .audit(.sessionEnded(uid: Fixture.card.uid, reason: "idle_timeout")),
            ]
        )
        #expect(kiosk.send(.teardownFinished(attempt: 1)).isEmpty)
        #expect(kiosk.notice == KioskFailure.sessionEnded(.idleTimeout).notice(helpdesk: Fixture.helpdesk))
        #expect(kiosk.notice?.lines == ["The session was idle for too long."])
    }

    @Test("the portal's idle time left moves the deadline")
    func portalIdleRemaining() {
        var kiosk = Self.signedIn()
        kiosk.advance(to: 20)

        kiosk.send(.portalAnswered(attempt: 1, .active(idleRemaining: 100)))

        kiosk.advance(to: 119)
        #expect(PhaseKind(kiosk.phase) == .signedIn)
        kiosk.advance(to: 120)
        #expect(kiosk.phase == .endingSession(.idleTimeout))
    }

    static let endings: [(SessionEndReason, String)] = [
        (.idleTimeout, "idle for too long"),
        (.absoluteTimeout, "maximum length"),
        (.logout, "logged out"),
        (.replaced, "signed in somewhere else"),
        (.leaseExpired, "stopped hearing from this kiosk"),
        (.spineLogout, "NHS Spine login ended"),
        (.unspecified, "portal ended the session"),
    ]

    @Test("a session the portal ended is torn down, and why is shown", arguments: endings)
    func portalEnded(_ reason: SessionEndReason, _ words: String) throws {
        var kiosk = Self.signedIn()
        kiosk.advance(to: 20)

        let effects = kiosk.send(.portalAnswered(attempt: 1, .ended(reason)))

        #expect(effects.first == Fixture.teardown(.userLogout, attempt: 1))
        #expect(effects.contains(.audit(.sessionEnded(uid: Fixture.card.uid, reason: reason.rawValue))))
        let notice = try #require(kiosk.notice)
        #expect(notice.headline == "You have been logged out")
        #expect(notice.lines.contains { $0.contains(words) })
    }

    @Test("losing the network is shown and does not end the session")
    func unreachable() {
        var kiosk = Self.signedIn()
        kiosk.advance(to: 20)

        #expect(kiosk.send(.portalAnswered(attempt: 1, .unreachable)).isEmpty)
        #expect(kiosk.signedIn?.portalUnreachable == true)

        let fired = kiosk.advance(to: 40)
        #expect(fired.map(\.effect) == [.checkPortalStatus(attempt: 1)], "the kiosk keeps asking")
        kiosk.send(.portalAnswered(attempt: 1, .active(idleRemaining: 860)))
        #expect(kiosk.signedIn?.portalUnreachable == false)
    }
}
