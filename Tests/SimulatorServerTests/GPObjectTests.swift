import Testing
@testable import Simulator

@Suite("gpOBJECT parsing and rendering")
struct GPObjectTests {
    @Test("a bare & is kept, entities are decoded, attributes are read")
    func lenientParsing() throws {
        let text = """
            <?xml version="1.0"?><!DOCTYPE USER SYSTEM "gpOBJECT.DTD">
            <gpOBJECT>
            <gpPARAM name="cn">RA_A00394 RA A</gpPARAM>
            <gpPARAM name="nhsjobrole0" id="887389426511" orgcode="B81012">STIRLING MEDICAL CENTRE, "Admin & Clerical":"Admin":"Demographic Administrator"</gpPARAM>
            <gpPARAM name="nhsjobrole1" id='555008642106' orgcode="B81012">A &amp; B &lt;x&gt; &#65;&#x42; &unknown; &</gpPARAM>
            <gpPARAM name="empty"/>
            </gpOBJECT>
            """
        let object = try GPObject(parsing: text)
        #expect(object["cn"] == "RA_A00394 RA A")
        #expect(object["nhsjobrole0"] == #"STIRLING MEDICAL CENTRE, "Admin & Clerical":"Admin":"Demographic Administrator""#)
        #expect(object.parameters[1].attribute("id") == "887389426511")
        #expect(object.parameters[1].attribute("orgcode") == "B81012")
        #expect(object.parameters[2].attribute("id") == "555008642106")
        #expect(object["nhsjobrole1"] == "A & B <x> AB &unknown; &")
        #expect(object["empty"] == "")
        #expect(object["missing"] == nil)
    }

    @Test("documents that are not a gpOBJECT give a typed error", arguments: [
        ("", GPObjectError.missingRootElement),
        ("{\"json\": true}", .missingRootElement),
        ("<gpOBJECT><gpPARAM>no name</gpPARAM></gpOBJECT>", .malformedParameter(offset: 10)),
        ("<gpOBJECT><gpPARAM name=\"x\">never closed", .malformedParameter(offset: 10)),
        ("<gpOBJECT><gpPARAM name=unquoted>v</gpPARAM></gpOBJECT>", .malformedParameter(offset: 10)),
    ])
    func malformed(text: String, expected: GPObjectError) {
        #expect(throws: expected) { try GPObject(parsing: text) }
    }

    @Test("rendering escapes values except verbatim ones, and parses back")
    func rendering() throws {
        var object = GPObject()
        object.append("plain", "a & b <c>")
        object.append("nhsjobrole0", #"GUY'S & ST THOMAS', "Clinical":"x":"y""#, attributes: [("id", "555200010002")], verbatim: true)
        let text = object.rendered()
        #expect(text.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
        #expect(text.contains(#"<gpPARAM name="plain">a &amp; b &lt;c&gt;</gpPARAM>"#))
        #expect(text.contains(#"<gpPARAM name="nhsjobrole0" id="555200010002">GUY'S & ST THOMAS', "Clinical":"x":"y"</gpPARAM>"#))
        let parsed = try GPObject(parsing: text)
        #expect(parsed["plain"] == "a & b <c>")
        #expect(parsed["nhsjobrole0"] == #"GUY'S & ST THOMAS', "Clinical":"x":"y""#)
    }
}
