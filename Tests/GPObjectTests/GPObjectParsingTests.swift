import GPObject
import Testing

@Suite struct GPObjectParsingTests {
    private func parse(_ text: String) throws -> GPObject {
        try GPObject(parsing: Array(text.utf8))
    }

    @Test func readsParametersWithAttributesAndEntities() throws {
        let object = try parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE USER SYSTEM "https://gas.nis1.national.ncrs.nhs.uk/login/dtd">
            <gpOBJECT>
            <gpPARAM name="cn">RA_A00394 RA A</gpPARAM>
            <gpPARAM name="nhsjobrole0" id="887389426511" orgcode="B81012">STIRLING MEDICAL CENTRE (S KUMAR), "Admin &amp; Clerical":"Admin":"Demographic Administrator"</gpPARAM>
            <gpPARAM name="nhsjobrole1" id='555008642106' orgcode="B81012">A &amp; B</gpPARAM>
            <gpPARAM name="quoted">&lt;a&gt; &quot;b&quot; &apos;c&apos; &#65;&#x42;</gpPARAM>
            </gpOBJECT>
            """)
        #expect(object["cn"] == "RA_A00394 RA A")
        let role = try #require(object.parameters.first { $0.name == "nhsjobrole0" })
        #expect(role.attributes == [.init(name: "id", value: "887389426511"), .init(name: "orgcode", value: "B81012")])
        #expect(role.attribute("orgcode") == "B81012")
        #expect(role.attribute("role_code") == nil)
        #expect(role.value == #"STIRLING MEDICAL CENTRE (S KUMAR), "Admin & Clerical":"Admin":"Demographic Administrator""#)
        #expect(object.parameters[2].attribute("id") == "555008642106")
        #expect(object["quoted"] == #"<a> "b" 'c' AB"#)
    }

    @Test func acceptsBareAmpersandsAndKeepsUnknownEntities() throws {
        let object = try parse(#"<gpOBJECT><gpPARAM name="r">ORG, "Admin & Clerical":"A & C":"Agent &amp; Co &unknown; &#; &"</gpPARAM></gpOBJECT>"#)
        #expect(object["r"] == #"ORG, "Admin & Clerical":"A & C":"Agent & Co &unknown; &#; &""#)
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
              <gpparam   name = 'single'  extra=bare flag>v</GPPARAM >
              <gpPARAM name="ticket"></gpPARAM>
              <gpPARAM name="closed"/>
              <gpPARAM id="no-name">ignored</gpPARAM>
              <gpPARAM>no name either</gpPARAM>
              <gpPARAMETERS>not a parameter</gpPARAMETERS>
            </gpOBJECT> junk after
            """)
        #expect(object.parameters.map(\.name) == ["single", "ticket", "closed"])
        #expect(object["single"] == "v")
        #expect(object.parameters[0].attributes == [.init(name: "extra", value: "bare"), .init(name: "flag", value: "")])
        #expect(object["ticket"] == "")
        #expect(object["closed"] == "")
    }

    @Test func keepsMultilineValuesAndUnicode() throws {
        let object = try GPObject(parsing: "<gpOBJECT><gpPARAM name=\"cn\">Dr Zoë\nO'Brien</gpPARAM></gpOBJECT>")
        #expect(object["cn"] == "Dr Zoë\nO'Brien")
    }

    @Test(arguments: [
        "", "<html><body>502 Bad Gateway</body></html>", #"{"error":"x"}"#, "{\"json\": true}", "\u{0}\u{1}\u{2}garbage",
    ])
    func refusesDocumentsThatAreNotGPObjects(_ text: String) {
        #expect(throws: GPObjectParseError.notGPObject) { try parse(text) }
    }

    @Test(arguments: [
        #"<gpOBJECT><gpPARAM name="a">1</gpPARAM>"#,
        #"<gpOBJECT><gpPARAM name="a">1</gpOBJECT>"#,
        #"<gpOBJECT><gpPARAM name="a</gpOBJECT>"#,
        #"<gpOBJECT><gpPARAM name="a" "#,
        "<gpOBJECT><gpPARAM name=\"x\">never closed",
    ])
    func refusesTruncatedDocuments(_ text: String) {
        #expect(throws: GPObjectParseError.truncated) { try parse(text) }
    }

    @Test func neverCrashesOnRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("<>/=\"' &;#xgpPARAMOBJECTname1a\n".utf8)
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<80, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            _ = try? GPObject(parsing: Array("<gpOBJECT>".utf8) + bytes + Array("</gpOBJECT>".utf8))
            _ = try? GPObject(parsing: bytes)
        }
    }
}
