import Testing

@testable import KioskNetwork

/// Which `Content-Type` labels each client reads as its format.
@Suite struct MediaTypeTests {
    @Test(arguments: [
        ("text/xml", true), ("text/xml; charset=UTF-8", true), ("Application/XML", true), ("application/samlp+xml", true),
        ("text/html; charset=UTF-8", false), ("application/json", false), ("", false),
    ])
    func gasReadsXML(_ contentType: String, accepted: Bool) {
        #expect(GASClient.isXML(contentType) == accepted)
    }

    @Test(arguments: [
        ("application/json", true), ("application/json; charset=utf-8", true), ("application/problem+json", true),
        ("text/html", false), ("text/plain", false), ("", false),
    ])
    func portalReadsJSON(_ contentType: String, accepted: Bool) {
        #expect(PortalClient.isJSON(contentType) == accepted)
    }
}
