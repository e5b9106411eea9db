import Foundation
import KioskProcessTestSupport
import TerminalTestSupport
import Testing

extension KioskFaultTests {
    /// The terminal abused: resized without pause, far too small, a display name that is not
    /// UTF-8, a 10,000-character paste into the passcode. The kiosk keeps running and stays usable.
    @Suite("an abused terminal")
    struct TerminalAbuseTests {
        static let columns = 100
        static let rows = 30

        /// 200 random sizes, one after another as fast as tmux takes them, then 100×30.
        static func resizeStorm(_ world: FaultWorld, seed: UInt64) throws -> Duration {
            var random = SplitMix64(seed: seed)
            let started = ContinuousClock.now
            for _ in 0..<200 {
                try world.kiosk.tmux.resize(columns: Int.random(in: 5...220, using: &random), rows: Int.random(in: 3...70, using: &random))
            }
            let took = ContinuousClock.now - started
            try world.kiosk.tmux.resize(columns: columns, rows: rows)
            return took
        }

        @Test func aResizeStormOnThePasscodeScreenAndSignedInLeavesItWholeAndResponsive() throws {
            let world = try FaultWorld("resize-storm")
            defer { world.finish() }
            let card = try world.scenario.insert(demo: FaultWorld.goodCard)
            #expect(world.kiosk.wait(for: "Enter your passcode").contains("Enter your passcode"))
            let first = try Self.resizeStorm(world, seed: 1)
            #expect(first < .seconds(20), "the storm took \(first)")
            let passcode = ScreenChecks.waitForWhole(world.kiosk, columns: Self.columns, showing: "Enter your passcode")
            world.expectKioskRunning("after the storm on the passcode screen")
            ScreenChecks.expectWhole(passcode, columns: Self.columns, rows: Self.rows, showing: "Enter your passcode")
            try world.kiosk.type("123456")
            try world.kiosk.send("Enter")
            #expect(world.kiosk.wait(for: FaultWorld.goodCardSignedIn).contains(FaultWorld.goodCardSignedIn))

            let second = try Self.resizeStorm(world, seed: 2)
            #expect(second < .seconds(20), "the storm took \(second)")
            let signedIn = ScreenChecks.waitForWhole(world.kiosk, columns: Self.columns, showing: FaultWorld.goodCardSignedIn)
            world.expectKioskRunning("after the storm while signed in")
            ScreenChecks.expectWhole(signedIn, columns: Self.columns, rows: Self.rows, showing: FaultWorld.goodCardSignedIn)
            #expect(signedIn.contains("F10 Log out"), "\(signedIn)")
            try world.kiosk.send("F10")
            let loggedOut = world.kiosk.wait(for: "You have logged out")
            ScreenChecks.expectWhole(loggedOut, columns: Self.columns, rows: Self.rows, showing: "Remove your smartcard")
            try world.scenario.expectNothingLeftBehind()
            world.scenario.removeAndExpectLock(card)
        }

        @Test func a20x10TerminalSaysItIsTooSmallOnEveryScreenAndTheKioskStillWorks() throws {
            let world = try FaultWorld("tiny")
            defer { world.finish() }
            let tooSmall = "Terminal too small"
            try world.kiosk.tmux.resize(columns: 20, rows: 10)
            let locked = world.kiosk.wait(for: tooSmall)
            #expect(locked.contains(tooSmall) && locked.contains("Needs 40×10"), "\(locked)")
            #expect(locked.split(separator: "\n").first?.contains("TEST") == true, "the banner still shows: \(locked)")

            // The passcode screen, seen at 100×30, then shrunk: typing blind still works.
            try world.kiosk.tmux.resize(columns: Self.columns, rows: Self.rows)
            let card = try world.scenario.insert(demo: FaultWorld.goodCard)
            #expect(world.kiosk.wait(for: "Enter your passcode").contains("Enter your passcode"))
            try world.kiosk.tmux.resize(columns: 20, rows: 10)
            let asking = world.kiosk.wait(for: tooSmall)
            #expect(asking.contains(tooSmall) && !asking.contains("Enter your passcode"), "\(asking)")
            try world.kiosk.type("123456")
            try world.kiosk.send("Enter")
            let live = try world.simulator.waitForStatus(seconds: 30) { $0.sessions.count == 1 }
            #expect(live.sessions.count == 1, "signed in while the terminal is tiny: \(live)")
            let signedInTiny = world.expectKioskRunning("signed in at 20×10")
            #expect(signedInTiny.contains(tooSmall), "\(signedInTiny)")
            for line in signedInTiny.split(separator: "\n") {
                #expect(line.count <= 20, "nothing drawn past the edge: \(line)")
            }

            try world.kiosk.tmux.resize(columns: Self.columns, rows: Self.rows)
            let signedIn = world.kiosk.wait(for: FaultWorld.goodCardSignedIn)
            ScreenChecks.expectWhole(signedIn, columns: Self.columns, rows: Self.rows, showing: FaultWorld.goodCardSignedIn)

            try world.kiosk.tmux.resize(columns: 20, rows: 10)
            #expect(world.kiosk.wait(for: tooSmall).contains(tooSmall))
            try world.kiosk.send("F10")
            try world.scenario.expectNothingLeftBehind()
            #expect(world.expectKioskRunning("logged out at 20×10").contains(tooSmall))
            try world.kiosk.tmux.resize(columns: Self.columns, rows: Self.rows)
            let farewell = world.kiosk.wait(for: "You have logged out")
            ScreenChecks.expectWhole(farewell, columns: Self.columns, rows: Self.rows, showing: "Remove your smartcard")
            world.scenario.removeAndExpectLock(card)
        }

        /// Raw invalid UTF-8 where the display name is, in GAS's gpOBJECT and the portal's JSON:
        /// the simulator's `invalid_utf8` fault sends each U+FFFD of the users file as the byte FF.
        @Test func aDisplayNameWithInvalidUTF8IsShownSafely() throws {
            let users = FileManager.default.temporaryDirectory.appending(path: "faults-users-\(UUID()).json")
            try #"""
                {"users": [{"uid": "555100000002", "display_name": "Nurse Amir \uFFFD\uFFFD Khan", "cmc": {"role": "Nurse"},
                            "roles": [{"role_profile_id": "555200020001", "org_code": "R1H",
                                       "org_name": "BARTS HEALTH NHS TRUST", "area": "Clinical",
                                       "sub_area": "Clinical Provision", "job_role": "Nurse Access Role",
                                       "role_code": "S8000:G8000:R8001"}]}]}
                """#.write(to: users, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: users) }
            let world = try FaultWorld("invalid-utf8", simulatorOptions: ["--users", users.path])
            defer { world.finish() }
            try world.simulator.addFault(#"""
                {"rules": [{"path_prefix": "/login/authvalidate", "action": "invalid_utf8"},
                           {"path_prefix": "/api/smartcard/sessions", "action": "invalid_utf8"}]}
                """#)
            let card = try world.scenario.insertAndEnterPasscode(demo: FaultWorld.goodCard)
            let shown = world.kiosk.tmux.wait(seconds: 30) { $0.contains("Signed in as") || $0.contains("Remove your smartcard") }
            #expect(world.simulator.injections(path: "/login/authvalidate") >= 1, "the bad bytes reached the kiosk")
            #expect(world.simulator.injections(path: "/api/smartcard/sessions") >= 1, "the bad bytes reached the kiosk")
            world.expectKioskRunning("after the invalid UTF-8")
            let line = shown.split(separator: "\n").first { $0.contains("Signed in as") }.map(String.init) ?? ""
            #expect(line.contains("Signed in as Nurse Amir \u{FFFD}\u{FFFD} Khan"), "each bad byte drawn as \u{FFFD}: \(shown)")
            ScreenChecks.expectWhole(shown, columns: Self.columns, rows: Self.rows, showing: "Signed in as")
            world.scenario.removeAndExpectLock(card)
            try world.scenario.expectNothingLeftBehind()
        }

        /// 10,000 characters pasted into the passcode field: the field (8 characters at most on
        /// the card, its length never shown) refuses it without spending a try, and the right
        /// passcode then signs in.
        @Test func aPasteOf10000CharactersIntoThePasscodeIsRefusedWithoutSpendingATry() throws {
            let world = try FaultWorld("paste")
            defer { world.finish() }
            let card = try world.scenario.insert(demo: FaultWorld.goodCard)
            let asked = world.kiosk.wait(for: "Enter your passcode")
            #expect(asked.contains("Enter your passcode"), "\(asked)")
            let paste = String(repeating: "1234567890", count: 1_000)
            try world.kiosk.type(paste)
            try world.kiosk.send("Enter")
            let refused = world.kiosk.wait(for: "Passcodes are 4 to 8 characters", seconds: 60)
            world.expectKioskRunning("after the paste")
            ScreenChecks.expectWhole(refused, columns: Self.columns, rows: Self.rows, showing: "Passcodes are 4 to 8 characters")
            #expect(refused.contains("No try was used."), "\(refused)")
            #expect(refused.contains("Enter your passcode"), "asked again: \(refused)")
            #expect(!refused.contains("1234"), "the paste is not echoed: \(refused)")
            #expect(!refused.contains("Tries left"), "no try was spent: \(refused)")
            #expect(!world.scenario.auditText().contains("passcode_rejected"), "\(world.scenario.auditText())")

            try world.kiosk.type("123456")
            try world.kiosk.send("Enter")
            let signedIn = world.kiosk.wait(for: FaultWorld.goodCardSignedIn)
            #expect(signedIn.contains(FaultWorld.goodCardSignedIn), "the right passcode still signs in: \(signedIn)")
            world.scenario.removeAndExpectLock(card)
            try world.scenario.expectNothingLeftBehind()
        }
    }
}
