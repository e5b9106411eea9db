@testable import KioskConfiguration
import Testing

@Suite struct KeyBindingTests {
    @Test("key specs parse to canonical keys", arguments: [
        ("F1", KeySpec.function(1)), ("f12", .function(12)), ("Enter", .enter), ("return", .enter),
        ("Esc", .escape), ("ESCAPE", .escape), ("Tab", .tab), ("Ctrl-L", .control("L")), ("ctrl+x", .control("X")),
        ("q", .character("q")), ("Q", .character("Q")), ("?", .character("?")), ("é", .character("é")),
    ])
    func parses(text: String, key: KeySpec) throws {
        #expect(try KeySpec(parsing: text) == key)
    }

    @Test func describesKeysForHints() {
        #expect([KeySpec.function(10), .enter, .escape, .tab, .control("L"), .character("q")].map(\.description)
            == ["F10", "Enter", "Esc", "Tab", "Ctrl-L", "q"])
    }

    @Test("refuses what is not a key, and the keys that must do nothing", arguments: [
        ("F13", "is not a key"), ("F0", "is not a key"), ("F01", "is not a key"), ("", "is not a key"),
        ("qq", "is not a key"), (" ", "is not a key"), ("Ctrl-1", "only Ctrl with a letter"),
        ("Ctrl-C", "do nothing in the kiosk"), ("ctrl-z", "do nothing in the kiosk"), ("Ctrl-\\", "do nothing in the kiosk"),
        ("Ctrl-M", "same as Enter"), ("Ctrl-J", "same as Enter"), ("Ctrl-I", "same as Tab"), ("Ctrl-H", "Backspace"),
    ])
    func refuses(text: String, reason: String) {
        #expect(throws: KeySpecError.self) { try KeySpec(parsing: text) }
        do {
            _ = try KeySpec(parsing: text)
        } catch {
            #expect(error.message.contains(reason), "\(error.message)")
        }
    }

    @Test func remapsForKeyboardsWithoutFunctionKeys() throws {
        let keys = try #require(configuration("""
            environment = "live"
            [keys]
            logout = "Ctrl-L"
            stay_signed_in = "s"
            give_up = "Ctrl-G"
            """).value?.keys)
        #expect(keys.logout == .control("L") && keys.staySignedIn == .character("s") && keys.giveUp == .control("G"))
    }

    @Test func demoKeysAreForDemoOnly() throws {
        let keys = try #require(configuration("""
            environment = "demo"
            [keys]
            demo_insert = "Ctrl-I"
            """).error?.description)
        #expect(keys == "config.toml:3: keys.demo_insert: Ctrl-I is the same as Tab on a terminal; write Tab")
        #expect(configuration("environment = \"demo\"\n[keys]\ndemo_insert = \"Ctrl-N\"\ndemo_remove = \"Ctrl-R\"").value?.keys.demoInsert
            == .control("N"))
        #expect(configurationError("environment = \"live\"\n[keys]\ndemo_insert = \"F5\"")
            == #"config.toml:3: keys.demo_insert: applies only to environment = "demo""#)
    }

    @Test("conflicts are refused", arguments: [
        ("live", "logout = \"Enter\"", "config.toml:3: keys.logout: Enter is already the key for keys.stay_signed_in"),
        ("live", "logout = \"F5\"\ngive_up = \"F5\"", "config.toml:4: keys.give_up: F5 is already the key for keys.logout"),
        ("live", "give_up = \"x\"", "config.toml:3: keys.give_up: x is used to type or submit the passcode; choose another key"),
        ("live", "give_up = \"Enter\"\nstay_signed_in = \"F6\"",
         "config.toml:3: keys.give_up: Enter is used to type or submit the passcode; choose another key"),
        ("demo", "logout = \"F2\"", "config.toml:3: keys.logout: F2 is already the key for keys.demo_insert"),
        ("demo", "demo_remove = \"7\"", "config.toml:3: keys.demo_remove: 7 is used to type or submit the passcode; choose another key"),
        ("live", "logout = \"Ctrl-C\"", #"config.toml:3: keys.logout: Ctrl-C, Ctrl-Z and Ctrl-\ do nothing in the kiosk and cannot be bound"#),
    ])
    func conflicts(environment: String, lines: String, message: String) {
        #expect(configurationError("environment = \"\(environment)\"\n[keys]\n\(lines)") == message)
    }

    @Test func aFunctionKeyFreedInLiveMayBeReusedOutsideDemo() {
        #expect(configuration("environment = \"live\"\n[keys]\nlogout = \"F2\"").value?.keys.logout == .function(2))
    }
}

extension Result {
    var error: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
