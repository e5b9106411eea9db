import Foundation
import TerminalTestSupport
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

    /// The demo in a terminal, started as `cmc-kiosk --demo` when it opens the session browser,
    /// else as `cmc-kiosk-demo --no-browser`; once it ends, the shell prints its exit status and the
    /// terminal modes.
    private func startDemo(columns: Int = 100, rows: Int = 30, browser: Bool = false) throws -> Tmux {
        let demo = browser ? "\(Tmux.builtProgram("cmc-kiosk")) --demo" : "\(Tmux.builtProgram("cmc-kiosk-demo")) --no-browser"
        let kiosk = try Tmux(columns: columns, rows: rows, command: """
            env TERM=xterm-256color \(demo); echo "KIOSK-EXIT-$?"; stty -a; sleep 60
            """)
        let screen = kiosk.wait(for: "Insert your NHS smartcard", seconds: 30)
        #expect(screen.contains("Insert your NHS smartcard"), "the lock screen: \(screen)")
        return kiosk
    }

    /// Opens the picker and inserts the persona `name`.
    private func insert(_ name: String, into kiosk: Tmux) throws {
        try kiosk.send("F2")
        let picker = kiosk.wait { $0.contains("Insert a demo card") && $0.contains("Dr Jane Smith") }
        #expect(picker.contains("Dr Jane Smith"), "the picker lists the cards: \(picker)")
        let index = try #require(Self.pickerOrder.firstIndex(of: name))
        for _ in 0..<index { try kiosk.send("Down") }
        try kiosk.send("Enter")
    }

    @Test func aClinicianWithSeveralRolesSignsInAndRemovingTheCardLocks() throws {
        let kiosk = try startDemo()
        defer { kiosk.kill() }
        #expect(kiosk.capture().contains("DEMO"), "the DEMO banner is always visible")
        try insert("several-roles", into: kiosk)
        #expect(kiosk.wait(for: "Enter your passcode").contains("Enter your passcode"))
        try kiosk.send("-l", "123456")
        try kiosk.send("Enter")
        let roles = kiosk.wait(for: "Select your role")
        #expect(roles.contains("Select your role"), "\(roles)")
        try kiosk.send("Down")
        try kiosk.send("Enter")
        let signedIn = kiosk.wait(for: "Signed in as Dr Jane Smith")
        #expect(signedIn.contains("Signed in as Dr Jane Smith"), "\(signedIn)")
        #expect(signedIn.contains("Health Professional Access Role"), "the second role was chosen")
        #expect(signedIn.contains("DEMO"))
        try kiosk.send("F3")
        #expect(kiosk.wait(for: "Insert your NHS smartcard").contains("Insert your NHS smartcard"), "removal locks")
    }

    @Test func theLockedCardIsToldHowToUnlock() throws {
        let kiosk = try startDemo()
        defer { kiosk.kill() }
        try insert("blocked", into: kiosk)
        let shown = kiosk.wait(for: "Your smartcard is locked")
        #expect(shown.contains("Your smartcard is locked"), "\(shown)")
        #expect(shown.contains("digital.nhs.uk/unlock"))
        #expect(shown.contains("Remove your smartcard"))
    }

    @Test func anUnregisteredCardShowsItsUIDAndTheHelpdesk() throws {
        let kiosk = try startDemo()
        defer { kiosk.kill() }
        try insert("unregistered", into: kiosk)
        #expect(kiosk.wait(for: "Enter your passcode").contains("Enter your passcode"))
        try kiosk.send("-l", "123456")
        try kiosk.send("Enter")
        let shown = kiosk.wait(for: "not registered with Coordinate My Care")
        #expect(shown.contains("not registered with Coordinate My Care"), "\(shown)")
        #expect(shown.contains("555100000005"))
        #expect(shown.contains("coordinatemycare@nhs.net"))
        #expect(shown.contains("020 7811 8513"))
    }

    @Test func resizingMidFlowKeepsAUsableScreen() throws {
        let kiosk = try startDemo()
        defer { kiosk.kill() }
        try insert("several-roles", into: kiosk)
        #expect(kiosk.wait(for: "Enter your passcode").contains("Enter your passcode"))
        try kiosk.resize(columns: 60, rows: 16)
        #expect(kiosk.wait { $0.contains("Enter your passcode") && !$0.contains(String(repeating: "─", count: 61)) }
            .contains("Enter your passcode"), "a smaller terminal still asks")
        try kiosk.resize(columns: 120, rows: 40)
        try kiosk.send("-l", "123456")
        try kiosk.send("Enter")
        #expect(kiosk.wait(for: "Select your role").contains("Select your role"), "typing carries on after resizing")
    }

    @Test func ctrlCQuitsTheDemoAndGivesTheTerminalBack() throws {
        let kiosk = try startDemo()
        defer { kiosk.kill() }
        try kiosk.send("C-c")
        // The exit status first, then stty's report: wait for both, not only the first line.
        let after = kiosk.wait { $0.contains("KIOSK-EXIT-0") && $0.contains("isig") }
        #expect(after.contains("KIOSK-EXIT-0"), "\(after)")
        let settings = Set(after.split(whereSeparator: \.isWhitespace).map(String.init))
        #expect(settings.isSuperset(of: ["icanon", "echo", "isig"]), "cooked mode, echo and signals are back")
    }

    @Test func signingInOpensTheSessionInW3MWithNoWayOutAndTheRemovalKeyEndsIt() throws {
        let kiosk = try startDemo(browser: true)
        defer { kiosk.kill() }
        try insert("one-role", into: kiosk)
        #expect(kiosk.wait(for: "Enter your passcode").contains("Enter your passcode"))
        try kiosk.send("-l", "123456")
        try kiosk.send("Enter")
        let page = kiosk.wait(seconds: 20) { $0.contains("Nurse Amir Khan") && $0.contains("Viewing") }
        #expect(page.contains("Nurse Amir Khan") && page.contains("Viewing"), "w3m shows the portal's page: \(page)")
        let browsers = Self.descendants(of: try #require(kiosk.panePID())).filter { $0.name == "w3m" }
        #expect(browsers.count == 1, "one w3m, under the demo: \(browsers)")

        try kiosk.send("-l", "!")
        #expect(!kiosk.wait(seconds: 1) { $0.contains("(exec shell)") }.contains("(exec shell)"), "no shell prompt")
        try kiosk.send("F3")
        let locked = kiosk.wait(seconds: 5) { $0.contains("Insert your NHS smartcard") }
        #expect(locked.contains("Insert your NHS smartcard"), "the removal key ends the session: \(locked)")
        #expect(locked.contains("DEMO"))
        let left = Self.descendants(of: try #require(kiosk.panePID())).filter { $0.name == "w3m" || $0.arguments.contains("relay") }
        #expect(left.isEmpty, "no browser left: \(left)")
    }

    /// The live processes below `root`, from /proc: pid, command name and command line.
    private static func descendants(of root: pid_t) -> [(pid: pid_t, name: String, arguments: String)] {
        var children: [pid_t: [pid_t]] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let end = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: end)...].split(separator: " ")
            guard fields.count > 2, fields[0] != "Z", let parent = pid_t(fields[1]) else { continue }
            children[parent, default: []].append(pid)
        }
        var found: [(pid: pid_t, name: String, arguments: String)] = []
        var queue = children[root] ?? []
        while let pid = queue.popLast() {
            let name = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines) ?? ""
            let arguments = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8))?.replacingOccurrences(of: "\0", with: " ") ?? ""
            found.append((pid, name, arguments))
            queue += children[pid] ?? []
        }
        return found
    }
}
