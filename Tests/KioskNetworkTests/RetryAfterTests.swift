import Foundation
import Testing

@testable import KioskNetwork

@Suite struct RetryAfterTests {
    @Test func readsSecondsAndHTTPDates() {
        #expect(PortalClient.retryAfter("120") == .seconds(120))
        #expect(PortalClient.retryAfter(" 0 ") == .seconds(0))
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(PortalClient.retryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now: now) == .seconds(30))
        #expect(PortalClient.retryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now: now) == .seconds(0))
        #expect(PortalClient.retryAfter(nil) == nil)
        #expect(PortalClient.retryAfter("soon") == nil)
        #expect(PortalClient.retryAfter("-5") == nil)
    }
}
