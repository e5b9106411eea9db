import Foundation

/// A w3m keymap file's bindings (`keymap KEY FUNCTION`), by key as the file writes it.
struct W3MKeymap {
    let bindings: [(key: String, function: String)]

    init(contentsOf path: String) throws {
        bindings = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line in
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count >= 3, words[0] == "keymap" else { return nil }
            return (String(words[1]), words[2].uppercased())
        }
    }

    /// The function a key is bound to here, if any.
    func function(of key: String) -> String? { bindings.last { $0.key == key }?.function }

    /// The key as `tmux send-keys` takes it: a key name, literal text (`-l`), or bytes (`-H`).
    static func tmuxArguments(for key: String) -> [String]? {
        switch key {
        case "SPC": return ["Space"]
        case "TAB": return ["Tab"]
        case "UP", "DOWN", "LEFT", "RIGHT": return [key.capitalized]
        case "\\^": return ["-l", "^"]
        case "\";\"": return ["-l", ";"]
        case "\\\"": return ["-l", "\""]
        default: break
        }
        if key.hasPrefix("M-[") {
            return ["-H"] + ([0x1B] + Array(key.utf8.dropFirst(2))).map { String($0, radix: 16) }
        }
        if key.count == 1 { return ["-l", key] }
        return [key]
    }
}
