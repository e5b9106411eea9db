import KioskCore
import Testing

/// NHS practice: one role is chosen for the user, 2–5 are a list, more get a filter, none is a
/// clear message and nothing else.
@Suite("Choosing a role")
struct RoleChoiceTests {
    struct Navigation: Sendable, CustomTestStringConvertible {
        let roles: Int
        let keys: [KioskInput]
        let highlighted: Int
        var testDescription: String { "\(roles) roles, \(keys) → \(highlighted)" }
    }

    static let navigations: [Navigation] = [
        Navigation(roles: 8, keys: [], highlighted: 0),
        Navigation(roles: 8, keys: [.down], highlighted: 1),
        Navigation(roles: 8, keys: [.up], highlighted: 0),
        Navigation(roles: 8, keys: [.down, .down, .up], highlighted: 1),
        Navigation(roles: 8, keys: [.end], highlighted: 7),
        Navigation(roles: 8, keys: [.end, .down], highlighted: 7),
        Navigation(roles: 8, keys: [.end, .home], highlighted: 0),
        Navigation(roles: 8, keys: [.pageDown], highlighted: 5),
        Navigation(roles: 8, keys: [.pageDown, .pageDown], highlighted: 7),
        Navigation(roles: 8, keys: [.end, .pageUp], highlighted: 2),
        Navigation(roles: 8, keys: [.pageUp], highlighted: 0),
        Navigation(roles: 3, keys: [.pageDown], highlighted: 2),
        Navigation(roles: 3, keys: [.end, .up], highlighted: 1),
        Navigation(roles: 2, keys: [.down, .down, .down], highlighted: 1),
    ]

    static func choosing(from count: Int) -> Kiosk {
        var kiosk = Kiosk()
        kiosk.send(Steps.authenticated(roles: count))
        return kiosk
    }

    @Test("no role: the message and a logout, nothing offered")
    func noRole() {
        var kiosk = Kiosk()
        kiosk.send(Steps.verified)

        let effects = kiosk.send(.spineAuthenticated(attempt: 1, .success(Fixture.login(roles: 0))))

        #expect(kiosk.notice == KioskFailure.noRoles.notice(helpdesk: Fixture.helpdesk))
        #expect(kiosk.notice?.headline == "You have no roles on NHS Spine")
        #expect(
            effects == [.audit(.spineAuthenticated(uid: Fixture.card.uid, roles: 0))]
                + [Fixture.teardown(.userLogout, attempt: 1)]
        )
        #expect(kiosk.press(.submit, .down).isEmpty, "nothing is offered")
    }

    @Test("one role is chosen for the user, with no role screen")
    func oneRole() {
        var kiosk = Kiosk()
        kiosk.send(Steps.verified)

        let effects = kiosk.send(.spineAuthenticated(attempt: 1, .success(Fixture.login(roles: 1))))

        let role = Fixture.roles(1)[0]
        #expect(kiosk.phase == .openingSession(role))
        #expect(effects.contains(.openSession(roleID: role.id, attempt: 1)))
        #expect(effects.contains(.audit(.roleChosen(uid: Fixture.card.uid, roleID: role.id))))
    }

    @Test("two to five roles are a list without a filter", arguments: 2...5)
    func shortList(_ count: Int) {
        var kiosk = Self.choosing(from: count)

        #expect(kiosk.roleChoice?.roles == Fixture.roles(count))
        #expect(kiosk.roleChoice?.offersFilter == false)
        #expect(kiosk.press(.character("n")).isEmpty)
        #expect(kiosk.roleChoice?.filter == "")
        #expect(kiosk.roleChoice?.visibleRoles == Fixture.roles(count))
    }

    @Test("more than five roles are a list with a filter", arguments: [6, 8])
    func longList(_ count: Int) {
        var kiosk = Self.choosing(from: count)
        #expect(kiosk.roleChoice?.offersFilter == true)

        kiosk.press(.character("n"), .character("u"), .character("r"))
        #expect(kiosk.roleChoice?.filter == "nur")
        let nurses = Fixture.roles(count).filter { $0.jobRole.hasPrefix("Nurse") }
        #expect(kiosk.roleChoice?.visibleRoles == nurses)

        kiosk.press(.backspace, .backspace, .backspace)
        #expect(kiosk.roleChoice?.filter == "")
        #expect(kiosk.roleChoice?.visibleRoles == Fixture.roles(count))
        kiosk.press(.backspace)
        #expect(kiosk.roleChoice?.filter == "", "backspace on an empty filter does nothing")
    }

    @Test("the keys move the highlight and keep it on the list", arguments: navigations)
    func navigate(_ navigation: Navigation) {
        var kiosk = Self.choosing(from: navigation.roles)

        #expect(kiosk.send(navigation.keys.map(KioskEvent.input)).isEmpty)

        #expect(kiosk.roleChoice?.highlighted == navigation.highlighted)
    }

    @Test("Enter chooses the highlighted role", arguments: 2...8)
    func chooseHighlighted(_ count: Int) {
        var kiosk = Self.choosing(from: count)
        kiosk.press(.end)

        let effects = kiosk.press(.submit)

        let role = Fixture.roles(count)[count - 1]
        #expect(kiosk.phase == .openingSession(role))
        #expect(effects.contains(.openSession(roleID: role.id, attempt: 1)))
    }

    @Test("filtering keeps the highlight on a visible role and Enter chooses it")
    func chooseFiltered() {
        var kiosk = Self.choosing(from: 8)
        kiosk.press(.end)

        kiosk.send("marsden".map { .input(.character($0)) })
        #expect(kiosk.roleChoice?.visibleRoles.count == 2)
        #expect(kiosk.roleChoice?.highlighted == 0)
        kiosk.press(.down, .down, .pageDown, .end)
        #expect(kiosk.roleChoice?.highlighted == 1)

        let effects = kiosk.press(.submit)

        let role = Fixture.roles(8)[6]
        #expect(kiosk.phase == .openingSession(role))
        #expect(effects.contains(.openSession(roleID: role.id, attempt: 1)))
    }

    @Test("filtering by organisation code and by several words")
    func filterWords() {
        var kiosk = Self.choosing(from: 8)

        kiosk.send("rj121".map { .input(.character($0)) })
        #expect(kiosk.roleChoice?.visibleRoles.map(\.id) == [Fixture.roles(8)[4].id, Fixture.roles(8)[7].id])

        kiosk.send(Array(repeating: .input(.backspace), count: 5) + "nurse king".map { .input(.character($0)) })
        #expect(kiosk.roleChoice?.visibleRoles == [Fixture.roles(8)[3]])
    }

    @Test("a filter that matches nothing: Enter chooses nothing")
    func filterMatchingNothing() {
        var kiosk = Self.choosing(from: 8)
        kiosk.send("zzz".map { .input(.character($0)) })
        #expect(kiosk.roleChoice?.visibleRoles.isEmpty == true)

        #expect(kiosk.press(.down, .end, .submit).isEmpty)
        #expect(kiosk.roleChoice?.highlightedRole == nil)
        #expect(PhaseKind(kiosk.phase) == .choosingRole)
    }

    @Test("giving up at the role screen ends the Spine login")
    func giveUp() {
        var kiosk = Self.choosing(from: 3)

        let effects = kiosk.press(.giveUp)

        #expect(kiosk.notice?.headline == "Sign-in cancelled")
        #expect(effects == [Fixture.teardown(.userLogout, attempt: 1)])
    }

    @Test("an unattended role list ends the attempt after its time and logs Spine out")
    func unattendedRoleListTimesOut() {
        var kiosk = Self.choosing(from: 3)
        let start = Int(kiosk.elapsed.rounded(.up))
        let waited = kiosk.advance(to: start + Int(KioskState.roleChoiceTimeout) - 2)
        #expect(waited.isEmpty, "nothing happens while the list waits")
        guard case .choosingRole = kiosk.phase else {
            Issue.record("the list is still up before its time: \(kiosk.phase)")
            return
        }
        let fired = kiosk.advance(to: start + Int(KioskState.roleChoiceTimeout) + 1).map(\.effect)
        #expect(kiosk.notice?.headline == "Sign-in timed out")
        #expect(fired == [Fixture.teardown(.userLogout, attempt: 1)])
    }
}
