/// A terminal's size in character cells.
struct TerminalSize: Hashable, Sendable {
    var columns: Int
    var rows: Int

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}

/// Text at a place on the screen, in one style.
struct PlacedText: Equatable {
    var row: Int
    var column: Int
    var text: String
    var element: StyleElement
    /// Bold on top of the element's style (key names in the hint line).
    var emphasised = false
}

/// One whole screen, ready to draw: what goes where, and where the cursor shows (if anywhere).
/// Texts are already sanitised and cut to fit; later texts draw over earlier ones.
struct Frame: Equatable {
    var size: TerminalSize
    var texts: [PlacedText] = []
    var cursor: (row: Int, column: Int)?

    static func == (lhs: Frame, rhs: Frame) -> Bool {
        lhs.size == rhs.size && lhs.texts == rhs.texts && lhs.cursor?.row == rhs.cursor?.row
            && lhs.cursor?.column == rhs.cursor?.column
    }

    /// Places `text` at `row`, from `column`, cut to the screen's width.
    mutating func put(_ text: String, row: Int, column: Int, _ element: StyleElement, emphasised: Bool = false) {
        guard (0..<size.rows).contains(row), (0..<size.columns).contains(column) else { return }
        let cut = DisplayText.truncated(text, toWidth: size.columns - column)
        guard !cut.isEmpty else { return }
        texts.append(PlacedText(row: row, column: column, text: cut, element: element, emphasised: emphasised))
    }

    /// Places `text` centred on `row`; returns the column it starts at.
    @discardableResult
    mutating func putCentred(_ text: String, row: Int, _ element: StyleElement) -> Int {
        let cut = DisplayText.truncated(text, toWidth: size.columns)
        let column = max(0, (size.columns - DisplayText.width(cut)) / 2)
        put(cut, row: row, column: column, element)
        return column
    }

    /// Fills `row` from `column` for `width` columns with spaces in `element`'s style.
    mutating func fill(row: Int, column: Int = 0, width: Int? = nil, _ element: StyleElement) {
        let columns = min(width ?? size.columns, size.columns - column)
        guard columns > 0 else { return }
        put(String(repeating: " ", count: columns), row: row, column: column, element)
    }

    /// The screen as plain lines, for tests and the docs: what a capture of the terminal shows.
    var lines: [String] {
        var grid = Array(repeating: Array(repeating: " " as Character, count: size.columns), count: size.rows)
        for placed in texts {
            var column = placed.column
            for character in placed.text {
                let width = DisplayText.width(String(character))
                guard column < size.columns else { break }
                if width == 0, column > 0 {
                    grid[placed.row][column - 1] = Character(String(grid[placed.row][column - 1]) + String(character))
                    continue
                }
                grid[placed.row][column] = character
                for extra in 1..<max(1, width) where column + extra < size.columns { grid[placed.row][column + extra] = "\u{0}" }
                column += max(1, width)
            }
        }
        return grid.map { row in
            var line = String(row.filter { $0 != "\u{0}" })
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
