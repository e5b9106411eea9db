/// The background colour of every cell of a pane captured with `tmux capture-pane -e`, as its SGR
/// escapes set it: `48;5;255` for a 256-colour index, `47` for a basic colour, and the empty
/// string for the terminal's own.
///
/// One cell per character: enough for screens without wide characters. tmux carries the colours
/// from one line to the next, so this does too. tmux 3.3 leaves out cells cleared with
/// back-colour erase (`bce`), so capture a program whose terminal description has none
/// (`tmux-256color`, `screen`): it then writes every cell.
public struct CellBackgrounds {
    public let rows: [[String]]

    public init(capture: String) {
        var background = ""
        var rows: [[String]] = []
        for line in capture.split(separator: "\n", omittingEmptySubsequences: false) {
            var row: [String] = []
            var rest = Substring(line)
            while let first = rest.first {
                if first == "\u{1B}", rest.dropFirst().first == "[" {
                    let body = rest.dropFirst(2)
                    guard let end = body.firstIndex(where: { $0.isLetter }) else { break }
                    if body[end] == "m" { background = Self.background(after: body[..<end], from: background) }
                    rest = body[body.index(after: end)...]
                } else {
                    row.append(background)
                    rest = rest.dropFirst()
                }
            }
            rows.append(row)
        }
        self.rows = rows
    }

    /// The background once an SGR sequence with `parameters` ("1;38;5;25;48;5;255") has been applied.
    private static func background(after parameters: Substring, from current: String) -> String {
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        var background = current
        var index = 0
        while index < numbers.count {
            switch numbers[index] {
            case 0, 49: background = ""
            case 40...47, 100...107: background = "\(numbers[index])"
            case 38, 48:
                let count = numbers.dropFirst(index + 1).first == 5 ? 2 : 4
                if numbers[index] == 48 {
                    background = numbers[index...].prefix(count + 1).map(String.init).joined(separator: ";")
                }
                index += count
            default: break
            }
            index += 1
        }
        return background
    }
}
