import KioskConfiguration

/// The bytes terminals send for a key, so that the demo's relay can pick it out of the input.
public enum KeySequences {
    /// What xterm (and tmux), the Linux console and rxvt-style terminals send for `key`.
    public static func bytes(for key: KeySpec) -> [[UInt8]] {
        switch key {
        case .function(let number): functionKeys[number] ?? []
        case .enter: [[0x0D]]
        case .tab: [[0x09]]
        case .escape: []  // ESC begins every other sequence: never intercepted
        case .control(let letter): letter.asciiValue.map { [[$0 & 0x1F]] } ?? []
        case .character(let character): [Array(String(character).utf8)]
        }
    }

    /// `input` without any of `keys`, and whether one was there.
    static func removing(_ keys: [[UInt8]], from input: [UInt8]) -> (input: [UInt8], found: Bool) {
        var output: [UInt8] = []
        var found = false
        var index = input.startIndex
        while index < input.endIndex {
            if let key = keys.first(where: { !$0.isEmpty && input[index...].starts(with: $0) }) {
                found = true
                index += key.count
            } else {
                output.append(input[index])
                index += 1
            }
        }
        return (output, found)
    }

    private static let escape: UInt8 = 0x1B

    private static let functionKeys: [Int: [[UInt8]]] = {
        func csi(_ text: String) -> [UInt8] { [escape] + Array("[\(text)".utf8) }
        func ss3(_ letter: String) -> [UInt8] { [escape] + Array("O\(letter)".utf8) }
        let tilde = [1: 11, 2: 12, 3: 13, 4: 14, 5: 15, 6: 17, 7: 18, 8: 19, 9: 20, 10: 21, 11: 23, 12: 24]
        var keys: [Int: [[UInt8]]] = [:]
        for (number, code) in tilde { keys[number] = [csi("\(code)~")] }
        for (number, letter) in zip(1...4, ["P", "Q", "R", "S"]) { keys[number, default: []] += [ss3(letter), csi("1\(letter)")] }
        for (number, letter) in zip(1...5, ["A", "B", "C", "D", "E"]) { keys[number, default: []].append(csi("[\(letter)")) }
        return keys
    }()
}
