import Foundation
import KioskNetwork
import Testing

/// HTTP dates as the servers' `Date` and `Retry-After` headers carry them.
@Suite("HTTP dates")
struct HTTPDateTests {
    @Test func readsTheRFCExample() {
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
        #expect(HTTPDate.parse(" Mon, 07 Dec 2026 12:00:00 GMT ") == Date(timeIntervalSince1970: 1_796_644_800))
    }

    @Test("refuses what is not an IMF-fixdate", arguments: [
        "", "yesterday", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
        "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 8:49:37 GMT",
        "Xyz, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 31 Feb 2026 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:49 GMT", "Sun, ٠٦ Nov 1994 08:49:37 GMT",
    ])
    func refuses(_ text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }
}
