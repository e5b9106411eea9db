import KioskCore

/// The remappable keys, for keyboards without function keys. Every other key is fixed (see
/// `docs/configuration.md`).
public struct KeyBindings: Equatable, Sendable {
    /// Signed in: log out.
    public var logout: KeySpec = .function(10)
    /// Idle warning: stay signed in.
    public var staySignedIn: KeySpec = .enter
    /// Passcode: give up (the card must then be removed).
    public var giveUp: KeySpec = .escape
    /// Demo only, any screen: insert the chosen demo card.
    public var demoInsert: KeySpec = .function(2)
    /// Demo only, any screen: remove the demo card.
    public var demoRemove: KeySpec = .function(3)

    public init() {}
}

extension KeyBindings {
    /// The `[keys]` table: each action needs its own key, and the keys that work while a passcode
    /// is typed cannot be Enter or a printable character.
    static func read(from document: TOMLDocument, environment: KioskEnvironment) throws(Problem) -> KeyBindings {
        var bindings = KeyBindings()
        let actions: [(name: String, path: WritableKeyPath<KeyBindings, KeySpec>, duringPasscode: Bool)] =
            [("logout", \.logout, false), ("stay_signed_in", \.staySignedIn, false), ("give_up", \.giveUp, true)]
            + (environment == .demo ? [("demo_insert", \.demoInsert, true), ("demo_remove", \.demoRemove, true)] : [])

        for name in ["demo_insert", "demo_remove"] where environment != .demo {
            if let field = document.field(name, in: ["keys"]) {
                throw field.problem("applies only to environment = \"demo\"")
            }
        }
        var fields: [String: Field] = [:]
        for action in actions {
            guard let field = document.field(action.name, in: ["keys"]) else { continue }
            let text = try field.string()
            do {
                bindings[keyPath: action.path] = try KeySpec(parsing: text)
            } catch {
                throw field.problem(error.message)
            }
            fields[action.name] = field
        }

        for (index, action) in actions.enumerated() {
            let key = bindings[keyPath: action.path]
            let field = fields[action.name]
            if action.duringPasscode, let field, key == .enter || key.isPrintable {
                throw field.problem("\(key) is used to type or submit the passcode; choose another key")
            }
            for other in actions[..<index] where bindings[keyPath: other.path] == key {
                // Report on whichever of the two the file sets (the later one if it sets both).
                let (reported, clashing) = field != nil ? (action.name, other.name) : (other.name, action.name)
                throw Problem(
                    line: fields[reported]?.line, key: "keys.\(reported)",
                    "\(key) is already the key for keys.\(clashing)")
            }
        }
        return bindings
    }
}
