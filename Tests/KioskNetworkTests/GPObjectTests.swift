import Testing

@testable import KioskNetwork

@Suite struct GPObjectEncodingTests {
    @Test func activationRequestIsByteForByteTheSpec() {
        let object = GPObject([
            .init(name: "auth_method", value: "3"),
            .init(name: "app_url", value: "NHST"),
            .init(name: "log_session_id", value: "Ab3dE6gH9j"),
            .init(name: "device_id", value: "ward7-kiosk-2,ClientIP=10.1.2.3"),
            .init(name: "service", value: "ACTIVATION"),
        ])
        #expect(
            object.xml(prolog: true) == """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE USER SYSTEM "gpOBJECT.DTD">
                <gpOBJECT>
                <gpPARAM name="auth_method">3</gpPARAM>
                <gpPARAM name="app_url">NHST</gpPARAM>
                <gpPARAM name="log_session_id">Ab3dE6gH9j</gpPARAM>
                <gpPARAM name="device_id">ward7-kiosk-2,ClientIP=10.1.2.3</gpPARAM>
                <gpPARAM name="service">ACTIVATION</gpPARAM>
                </gpOBJECT>

                """)
    }

    @Test func valuesAndAttributesAreEscaped() {
        let object = GPObject([.init(name: "device_id", value: "A&B <\"x\"> 'y'", attributes: ["encoding": "a&b"])])
        #expect(
            object.xml() == """
                <gpOBJECT>
                <gpPARAM name="device_id" encoding="a&amp;b">A&amp;B &lt;&quot;x&quot;&gt; &apos;y&apos;</gpPARAM>
                </gpOBJECT>

                """)
    }

    @Test func encodedDocumentsParseBack() throws {
        let object = GPObject([
            .init(name: "a", value: "1 & 2 < 3"), .init(name: "response", value: "QUJD", attributes: ["encoding": "base64"]),
        ])
        #expect(try GPObject(parsing: Array(object.xml(prolog: true).utf8)) == object)
    }
}

@Suite struct GPObjectParserTests {
    private func parse(_ text: String) throws -> GPObject {
        try GPObjectParser.parse(Array(text.utf8))
    }

    @Test func readsParametersWithAttributesAndEntities() throws {
        let object = try parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE USER SYSTEM "https://gas.nis1.national.ncrs.nhs.uk/login/dtd">
            <gpOBJECT>
            <gpPARAM name="cn">RA_A00394 RA A</gpPARAM>
            <gpPARAM name="nhsjobrole0" id="887389426511" orgcode="B81012">STIRLING MEDICAL CENTRE (S KUMAR), "Admin &amp; Clerical":"Admin":"Demographic Administrator"</gpPARAM>
            <gpPARAM name="quoted">&lt;a&gt; &quot;b&quot; &apos;c&apos; &#65;&#x42;</gpPARAM>
            </gpOBJECT>
            """)
        #expect(object["cn"] == "RA_A00394 RA A")
        let role = try #require(object.parameters.first { $0.name == "nhsjobrole0" })
        #expect(role.attributes == ["id": "887389426511", "orgcode": "B81012"])
        #expect(role.value == #"STIRLING MEDICAL CENTRE (S KUMAR), "Admin & Clerical":"Admin":"Demographic Administrator""#)
        #expect(object["quoted"] == #"<a> "b" 'c' AB"#)
    }

    @Test func acceptsBareAmpersands() throws {
        let object = try parse(#"<gpOBJECT><gpPARAM name="r">ORG, "Admin & Clerical":"A & C":"Agent &amp; Co &unknown; &#;"</gpPARAM></gpOBJECT>"#)
        #expect(object["r"] == #"ORG, "Admin & Clerical":"A & C":"Agent & Co &unknown; &#;""#)
    }

    @Test func keepsUnknownParametersInOrderAndLooksUpTheFirst() throws {
        let object = try parse(#"<gpOBJECT><gpPARAM name="x">1</gpPARAM><gpPARAM name="gas_version">5.2.7</gpPARAM><gpPARAM name="x">2</gpPARAM></gpOBJECT>"#)
        #expect(object.parameters.map(\.name) == ["x", "gas_version", "x"])
        #expect(object["x"] == "1")
        #expect(object["missing"] == nil)
    }

    @Test func toleratesLayoutQuotesCaseAndEmptyParameters() throws {
        let object = try parse("""
            junk before <GPOBJECT>
              <gpparam   name = 'single'  extra=bare >v</GPPARAM >
              <gpPARAM name="ticket"></gpPARAM>
              <gpPARAM name="closed"/>
              <gpPARAM id="no-name">ignored</gpPARAM>
              <gpPARAMETERS>not a parameter</gpPARAMETERS>
            </gpOBJECT> junk after
            """)
        #expect(object.parameters.map(\.name) == ["single", "ticket", "closed"])
        #expect(object["single"] == "v")
        #expect(object.parameters[0].attributes == ["extra": "bare"])
        #expect(object["ticket"] == "")
        #expect(object["closed"] == "")
    }

    @Test func keepsMultilineValuesAndUnicode() throws {
        let object = try parse("<gpOBJECT><gpPARAM name=\"cn\">Dr Zoë\nO'Brien</gpPARAM></gpOBJECT>")
        #expect(object["cn"] == "Dr Zoë\nO'Brien")
    }

    @Test(arguments: [
        "", "<html><body>502 Bad Gateway</body></html>", #"{"error":"x"}"#, "\u{0}\u{1}\u{2}garbage",
    ])
    func refusesDocumentsThatAreNotGPObjects(_ text: String) {
        #expect(throws: GPObjectParser.Failure.notGPObject) { try parse(text) }
    }

    @Test(arguments: [
        #"<gpOBJECT><gpPARAM name="a">1</gpPARAM>"#,
        #"<gpOBJECT><gpPARAM name="a">1</gpOBJECT>"#,
        #"<gpOBJECT><gpPARAM name="a</gpOBJECT>"#,
        #"<gpOBJECT><gpPARAM name="a" "#,
    ])
    func refusesTruncatedDocuments(_ text: String) {
        #expect(throws: GPObjectParser.Failure.truncated) { try parse(text) }
    }

    @Test func neverCrashesOnRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("<>/=\"' &;#xgpPARAMOBJECTname1a\n".utf8)
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<80, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            _ = try? GPObjectParser.parse(Array("<gpOBJECT>".utf8) + bytes + Array("</gpOBJECT>".utf8))
            _ = try? GPObjectParser.parse(bytes)
        }
    }
}
