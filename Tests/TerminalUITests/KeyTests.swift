import CNcursesw
import KioskCore
import Testing
@testable import TerminalUI

@Suite struct KeyTests {
    @Test(arguments: [
        (0x03, RawKey.control("c")), (0x1A, .control("z")), (0x1C, .control("\\")), (0x11, .control("q")),
        (0x0D, .enter), (0x0A, .enter), (0x1B, .escape), (0x7F, .backspace), (0x08, .backspace),
        (0x09, .tab), (0x00, .control("@")), (0x61, .character("a")), (0x35, .character("5")),
        (0x20, .character(" ")), (0xE2, .character("â")), (0x674E, .character("李")),
        (0x1F600, .character("😀")),
    ] as [(UInt32, RawKey)])
    func charactersDecode(value: UInt32, key: RawKey) {
        #expect(RawKey(isKeyCode: false, value: value) == key)
    }

    @Test(arguments: [0x85, 0x9B, 0xD800, 0x110000] as [UInt32])
    func unusableCharactersDecodeToNothing(value: UInt32) {
        #expect(RawKey(isKeyCode: false, value: value) == nil)
    }

    @Test(arguments: [
        (KEY_UP, RawKey.up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
        (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end),
        (KEY_ENTER, .enter), (KEY_BACKSPACE, .backspace), (KEY_RESIZE, .resize),
        (KEY_F0 + 1, .function(1)), (KEY_F0 + 10, .function(10)), (KEY_F0 + 12, .function(12)),
    ] as [(Int32, RawKey)])
    func keyCodesDecode(code: Int32, key: RawKey) {
        #expect(RawKey(isKeyCode: true, value: UInt32(code)) == key)
    }

    @Test func keyCodesTheKioskDoesNotUseDecodeToNothing() {
        #expect(RawKey(isKeyCode: true, value: UInt32(KEY_MOUSE)) == nil)
        #expect(RawKey(isKeyCode: true, value: UInt32(KEY_F0)) == nil)
        #expect(RawKey(isKeyCode: true, value: UInt32(KEY_SUSPEND)) == nil)
    }

    @Test(arguments: [
        (RawKey.function(10), KioskInput?.some(.logout)), (.enter, .submit), (.escape, .giveUp),
        (.backspace, .backspace), (.up, .up), (.down, .down), (.pageUp, .pageUp), (.pageDown, .pageDown),
        (.home, .home), (.end, .end), (.character("7"), .character("7")), (.character("é"), .character("é")),
        (.control("c"), nil), (.control("z"), nil), (.control("\\"), nil), (.function(2), nil), (.resize, nil),
    ])
    func theStandardMapFollowsTheSpecification(key: RawKey, input: KioskInput?) {
        #expect(KeyMap.standard.input(for: key) == input)
    }

    @Test func aRemappedKeyboardNamesItsOwnKeysInHints() {
        var map = KeyMap.standard
        map.bindings[.function(10)] = nil
        map.bindings[.control("l")] = .logout
        map.bindings[.character("+")] = .staySignedIn
        #expect(map.input(for: .control("l")) == .logout)
        #expect(map.input(for: .function(10)) == nil)
        #expect(map.input(for: .character("+")) == .staySignedIn)
        let labels = KeyLabels(map)
        #expect(labels.logout == "Ctrl-L")
        #expect(labels.staySignedIn == "+")
        #expect(KeyLabels.standard.logout == "F10")
        #expect(KeyLabels.standard.staySignedIn == "Enter")
    }

    @Test func aMapBuiltFromADictionaryUsesOnlyIt() {
        let map = KeyMap([.function(5): .staySignedIn])
        #expect(map.input(for: .function(5)) == .staySignedIn)
        #expect(map.input(for: .enter) == nil)
        #expect(map.keyName(for: .staySignedIn) == "F5")
    }
}
