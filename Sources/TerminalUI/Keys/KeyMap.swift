import KioskCore

/// Which key does what: raw keys to the kiosk's inputs. Printable characters not bound to
/// anything else type themselves (passcode, role filter).
public struct KeyMap: Equatable, Sendable {
    public var bindings: [RawKey: KioskInput]

    public init(_ bindings: [RawKey: KioskInput]) {
        self.bindings = bindings
    }

    /// The keys of the kiosk's specification: F10 logs out, Enter submits, Esc gives up, and the
    /// arrows, PgUp, PgDn, Home, End and Backspace do what they say; Left, Right, Insert and
    /// Delete reach the passcode screen, which takes them for a keypad with Num Lock off.
    public static let standard = KeyMap([
        .function(10): .logout, .enter: .submit, .escape: .giveUp, .backspace: .backspace,
        .up: .up, .down: .down, .pageUp: .pageUp, .pageDown: .pageDown, .home: .home, .end: .end,
        .left: .left, .right: .right, .insert: .insert, .delete: .delete,
    ])

    /// What `key` means to the kiosk; nil for keys that mean nothing (Ctrl-C among them).
    public func input(for key: RawKey) -> KioskInput? {
        if let input = bindings[key] { return input }
        if case .character(let character) = key { return .character(character) }
        return nil
    }

    /// The name of a key bound to `input`, for hints (the shortest, then alphabetically first).
    public func keyName(for input: KioskInput) -> String? {
        bindings.filter { $0.value == input }.map(\.key.name)
            .min { ($0.count, $0) < ($1.count, $1) }
    }
}

/// The key names the screens show in their hints, so that hints follow a remapped keyboard.
public struct KeyLabels: Equatable, Sendable {
    public var submit: String
    public var giveUp: String
    public var erase: String
    public var logout: String
    public var staySignedIn: String

    public init(submit: String, giveUp: String, erase: String, logout: String, staySignedIn: String) {
        self.submit = submit
        self.giveUp = giveUp
        self.erase = erase
        self.logout = logout
        self.staySignedIn = staySignedIn
    }

    /// The names of the keys `map` binds; staying signed in falls back to the submit key.
    public init(_ map: KeyMap) {
        let submit = map.keyName(for: .submit) ?? "Enter"
        self.init(
            submit: submit, giveUp: map.keyName(for: .giveUp) ?? "Esc",
            erase: map.keyName(for: .backspace) ?? "Backspace", logout: map.keyName(for: .logout) ?? "F10",
            staySignedIn: map.keyName(for: .staySignedIn) ?? submit
        )
    }

    public static let standard = KeyLabels(.standard)
}
