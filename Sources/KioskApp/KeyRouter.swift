import KioskConfiguration
import KioskCore
import TerminalUI

/// Decides what a key press means: the demo's controls first, then the kiosk's keys as the
/// configuration binds them. Ctrl-C, Ctrl-Z and Ctrl-\ mean nothing, except that Ctrl-C ends
/// `--demo`.
struct KeyRouter: Sendable {
    enum Route: Equatable {
        case kiosk(KioskInput)
        case quit
        case nothing
    }

    let keyMap: KeyMap
    let staySignedIn: RawKey
    let isDemo: Bool

    init(bindings: KeyBindings, isDemo: Bool) {
        var map = KeyMap.standard.bindings.filter { $0.value != .logout && $0.value != .giveUp }
        map[RawKey(bindings.logout)] = .logout
        map[RawKey(bindings.giveUp)] = .giveUp
        keyMap = KeyMap(map)
        staySignedIn = RawKey(bindings.staySignedIn)
        self.isDemo = isDemo
    }

    /// The key names the screens' hints show.
    var labels: KeyLabels {
        let standard = KeyLabels(keyMap)
        return KeyLabels(
            submit: standard.submit, giveUp: standard.giveUp, erase: standard.erase, logout: standard.logout,
            staySignedIn: staySignedIn.name)
    }

    func route(_ key: RawKey, in phase: KioskPhase) -> Route {
        if isDemo, key == .control("c") { return .quit }
        if case .signedIn = phase, key == staySignedIn { return .kiosk(.staySignedIn) }
        return keyMap.input(for: key).map(Route.kiosk) ?? .nothing
    }
}

extension RawKey {
    /// The terminal key a configured key spec names.
    init(_ spec: KeySpec) {
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
