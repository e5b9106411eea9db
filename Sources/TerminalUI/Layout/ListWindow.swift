/// Which rows of a long list fit in a given height, keeping the highlighted row in view.
struct ListWindow: Equatable {
    /// The list rows shown.
    var range: Range<Int>
    /// Whether rows are hidden above or below (each takes one of the rows, as a "more" line).
    var moreAbove: Bool
    var moreBelow: Bool

    /// The window over `count` rows in `height` rows of screen, with `highlighted` shown as near
    /// the middle as the list allows. "More" lines, when needed, take a row each.
    init(count: Int, highlighted: Int, height: Int) {
        let height = max(1, height)
        guard count > height else {
            self.init(range: 0..<count, moreAbove: false, moreBelow: false)
            return
        }
        let selected = min(max(0, highlighted), count - 1)
        guard height >= 3 else {
            let start = min(max(0, selected - height / 2), count - height)
            self.init(range: start..<start + height, moreAbove: false, moreBelow: false)
            return
        }
        // Rows for items once the "more" lines are paid for; at least one item shows.
        var rows = max(1, height - 2)
        var start = min(max(0, selected - rows / 2), count - rows)
        if start == 0 { rows = max(1, height - 1); start = 0 }
        else if start + rows >= count { rows = max(1, height - 1); start = count - rows }
        let end = min(count, start + rows)
        self.init(range: start..<end, moreAbove: start > 0, moreBelow: end < count)
    }

    private init(range: Range<Int>, moreAbove: Bool, moreBelow: Bool) {
        self.range = range
        self.moreAbove = moreAbove
        self.moreBelow = moreBelow
    }
}
