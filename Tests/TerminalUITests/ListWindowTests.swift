import Testing
@testable import TerminalUI

@Suite struct ListWindowTests {
    @Test func aShortListShowsWhole() {
        let window = ListWindow(count: 3, highlighted: 2, height: 10)
        #expect(window == ListWindow(count: 3, highlighted: 0, height: 3))
        #expect(window.range == 0..<3)
        #expect(!window.moreAbove && !window.moreBelow)
    }

    @Test(arguments: [
        // count, highlighted, height → range, more above, more below
        (10, 0, 4, 0..<3, false, true),
        (10, 9, 4, 7..<10, true, false),
        (10, 5, 4, 4..<6, true, true),
        (24, 12, 14, 6..<18, true, true),
        (24, 23, 14, 11..<24, true, false),
        (10, 5, 2, 4..<6, false, false),
        (10, 9, 1, 9..<10, false, false),
        (10, 99, 4, 7..<10, true, false),
        (10, -4, 4, 0..<3, false, true),
    ])
    func theHighlightedRowStaysInView(
        count: Int, highlighted: Int, height: Int, range: Range<Int>, above: Bool, below: Bool
    ) {
        let window = ListWindow(count: count, highlighted: highlighted, height: height)
        #expect(window.range == range)
        #expect(window.moreAbove == above)
        #expect(window.moreBelow == below)
        let rows = window.range.count + (window.moreAbove ? 1 : 0) + (window.moreBelow ? 1 : 0)
        #expect(rows <= max(1, height))
        #expect(window.range.contains(min(max(0, highlighted), count - 1)))
    }

    @Test func everyHighlightFitsEveryHeight() {
        for count in 1...30 {
            for height in 1...12 {
                for highlighted in 0..<count {
                    let window = ListWindow(count: count, highlighted: highlighted, height: height)
                    let rows = window.range.count + (window.moreAbove ? 1 : 0) + (window.moreBelow ? 1 : 0)
                    #expect(rows <= height && window.range.contains(highlighted), "\(count) \(height) \(highlighted)")
                }
            }
        }
    }
}
