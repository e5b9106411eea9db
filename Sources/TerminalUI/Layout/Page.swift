/// A run of text in one style.
struct Span: Equatable {
    var text: String
    var element: StyleElement
    /// Whether the cursor shows at the start of this span (the passcode field).
    var showsCursor = false

    init(_ text: String, _ element: StyleElement = .text, showsCursor: Bool = false) {
        self.text = text
        self.element = element
        self.showsCursor = showsCursor
    }
}

/// One line of a screen's main area: centred, or from a column of its own.
struct Line: Equatable {
    var spans: [Span]
    /// The column to start at; nil centres the line.
    var column: Int?

    init(_ spans: [Span], column: Int? = nil) {
        self.spans = spans
        self.column = column
    }

    init(_ text: String, _ element: StyleElement = .text, column: Int? = nil) {
        self.init([Span(text, element)], column: column)
    }

    static let blank = Line([])

    var width: Int { spans.reduce(0) { $0 + DisplayText.width($1.text) } }
}

/// A key and what it does, for the hint line ("F10 Log out").
struct KeyHint: Equatable {
    var key: String
    var action: String
}

/// What one screen shows in the main area, and the keys it offers.
struct Page: Equatable {
    var lines: [Line]
    var hints: [KeyHint] = []
}
