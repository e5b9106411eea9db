import KioskConfiguration
import KioskCore
import KioskShell
import TerminalUI

/// The ward kiosk's front: what a key means, as the configuration binds the keys. It keeps no
/// model of its own. Ctrl-C, Ctrl-Z and Ctrl-\ mean nothing.
public struct KeyRouter: KioskFront {
    let keyMap: KeyMap
    let staySignedIn: RawKey

    public init(bindings: KeyBindings) {
        var map = KeyMap.standard.bindings.filter { $0.value != .logout && $0.value != .giveUp }
        map[RawKey(bindings.logout)] = .logout
        map[RawKey(bindings.giveUp)] = .giveUp
        keyMap = KeyMap(map)
        staySignedIn = RawKey(bindings.staySignedIn)
    }

    /// The key names the screens' hints show.
    public var labels: KeyLabels {
        let standard = KeyLabels(keyMap)
        return KeyLabels(
            submit: standard.submit, giveUp: standard.giveUp, erase: standard.erase, logout: standard.logout,
            staySignedIn: staySignedIn.name)
    }

    /// The kiosk input `key` stands for in `phase`, if any.
    public func input(for key: RawKey, in phase: KioskPhase) -> KioskInput? {
        if case .signedIn = phase, key == staySignedIn { return .staySignedIn }
        return keyMap.input(for: key)
    }

    public func interpret(_ key: RawKey, in kiosk: KioskState) -> [FrontOutcome<Never>] {
        input(for: key, in: kiosk.phase).map { [.kiosk(.input($0))] } ?? []
    }
}

extension RawKey {
    /// The terminal key a configured key spec names.
    public init(_ spec: KeySpec) {
        switch spec {
        case .function(let number): self = .function(number)
        case .enter: self = .enter
        case .escape: self = .escape
        case .tab: self = .tab
        case .control(let letter): self = .control(Character(letter.lowercased()))
        case .character(let character): self = .character(character)
        }
    }
}
