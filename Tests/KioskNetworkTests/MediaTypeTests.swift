import Testing

@testable import KioskNetwork

/// Which `Content-Type` labels the portal client reads as JSON. (The GAS client reads any label.)
@Suite struct MediaTypeTests {
    @Test(arguments: [
        ("application/json", true), ("application/json; charset=utf-8", true), ("application/problem+json", true),
        ("text/html", false), ("text/plain", false), ("", false),
    ])
    func portalReadsJSON(_ contentType: String, accepted: Bool) {
        #expect(PortalClient.isJSON(contentType) == accepted)
    }
}
