import Foundation
import Testing

/// `cmc-kiosk --demo` in a real terminal, driven as a trainer would: the whole system on one
/// machine, with the simulator in the process and the simulated reader's cards.
@Suite("cmc-kiosk --demo in tmux")
struct DemoEndToEndTests {
    /// The demo picker lists the cards in this order.
    static let pickerOrder = [
        "several-roles", "one-role", "eight-roles", "zero-roles", "unregistered", "no-cmc-role", "last-try",
        "blocked", "expiring", "expired",
    ]

    private func startDemo(columns: Int = 100, rows: Int = 30) async throws -> TmuxSession {
        let kiosk = try TmuxSession(
            "\(BuiltProducts.executable("cmc-kiosk")) --demo; echo KIOSK-EXIT-$?; stty -a; sleep 60",
            columns: columns, rows: rows, environment: ["TERM": "xterm-256color"])
        try #require(try await kiosk.waitFor("Insert your NHS smartcard").found, "the lock screen")
        return kiosk
    }

    /// Opens the picker and inserts the persona `name`.
    private func insert(_ name: String, into kiosk: TmuxSession) async throws {
        try kiosk.press("F2")
        try #require(try await kiosk.waitFor("Dr Jane Smith").found, "the demo picker lists the cards")
        let index = try #require(Self.pickerOrder.firstIndex(of: name))
        for _ in 0..<index { try kiosk.press("Down") }
        try kiosk.press("Enter")
    }

    @Test func aClinicianWithSeveralRolesSignsInAndRemovingTheCardLocks() async throws {
        let kiosk = try await startDemo()
        #expect(try kiosk.screen().contains("DEMO"), "the DEMO banner is always visible")
        try await insert("several-roles", into: kiosk)
        #expect(try await kiosk.waitFor("Enter your passcode").found)
        try kiosk.type("123456")
        try kiosk.press("Enter")
        let roles = try await kiosk.waitFor("Select your role")
        #expect(roles.found, "\(roles.screen)")
        try kiosk.press("Down")
        try kiosk.press("Enter")
        let signedIn = try await kiosk.waitFor("Signed in as Dr Jane Smith")
        #expect(signedIn.found, "\(signedIn.screen)")
        #expect(signedIn.screen.contains("DEMO"))
        try kiosk.press("F3")
        #expect(try await kiosk.waitFor("Insert your NHS smartcard").found, "removal locks")
    }

    @Test func theLockedCardIsToldHowToUnlock() async throws {
        let kiosk = try await startDemo()
        try await insert("blocked", into: kiosk)
        let shown = try await kiosk.waitFor("Your smartcard is locked")
        #expect(shown.found, "\(shown.screen)")
        #expect(shown.screen.contains("digital.nhs.uk/unlock"))
        #expect(shown.screen.contains("Remove your smartcard"))
    }

    @Test func anUnregisteredCardShowsItsUIDAndTheHelpdesk() async throws {
        let kiosk = try await startDemo()
        try await insert("unregistered", into: kiosk)
        #expect(try await kiosk.waitFor("Enter your passcode").found)
        try kiosk.type("123456")
        try kiosk.press("Enter")
        let shown = try await kiosk.waitFor("not registered with Coordinate My Care")
        #expect(shown.found, "\(shown.screen)")
        #expect(shown.screen.contains("555100000005"))
        #expect(shown.screen.contains("coordinatemycare@nhs.net"))
        #expect(shown.screen.contains("020 7811 8513"))
    }

    @Test func resizingMidFlowKeepsAUsableScreen() async throws {
        let kiosk = try await startDemo()
        try await insert("several-roles", into: kiosk)
        #expect(try await kiosk.waitFor("Enter your passcode").found)
        try kiosk.resize(columns: 60, rows: 16)
        #expect(try await kiosk.waitFor("Enter your passcode").found, "a smaller terminal still asks")
        try kiosk.resize(columns: 120, rows: 40)
        try kiosk.type("123456")
        try kiosk.press("Enter")
        #expect(try await kiosk.waitFor("Select your role").found, "typing carries on after resizing")
    }

    @Test func ctrlCQuitsTheDemoAndGivesTheTerminalBack() async throws {
        let kiosk = try await startDemo()
        try kiosk.press("C-c")
        let after = try await kiosk.waitFor("KIOSK-EXIT-0")
        #expect(after.found, "\(after.screen)")
        let settings = Set(after.screen.split(whereSeparator: \.isWhitespace).map(String.init))
        #expect(settings.isSuperset(of: ["icanon", "echo", "isig"]), "cooked mode, echo and signals are back")
    }
}
