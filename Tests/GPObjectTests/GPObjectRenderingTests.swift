import GPObject
import Testing

@Suite struct GPObjectRenderingTests {
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

    @Test func valuesAndAttributesAreEscapedInDocumentOrder() {
        let object = GPObject([
            .init(name: "device_id", value: "A&B <\"x\"> 'y'", attributes: ["encoding": "a&b \"q\"", "id": "<1>"])
        ])
        #expect(
            object.xml() == """
                <gpOBJECT>
                <gpPARAM name="device_id" encoding="a&amp;b &quot;q&quot;" id="&lt;1&gt;">A&amp;B &lt;"x"&gt; 'y'</gpPARAM>
                </gpOBJECT>

                """)
    }

    @Test func verbatimValuesKeepABareAmpersandLikeTheField() {
        var object = GPObject()
        object.append("plain", "a & b <c>")
        object.append(
            "nhsjobrole0", #"GUY'S & ST THOMAS', "Clinical":"x":"y""#, attributes: ["id": "555200010002"], verbatim: true)
        let text = object.xml(prolog: true)
        #expect(text.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
        #expect(text.contains(#"<gpPARAM name="plain">a &amp; b &lt;c&gt;</gpPARAM>"#))
        #expect(text.contains(#"<gpPARAM name="nhsjobrole0" id="555200010002">GUY'S & ST THOMAS', "Clinical":"x":"y"</gpPARAM>"#))
        let parsed = try? GPObject(parsing: text)
        #expect(parsed?["plain"] == "a & b <c>")
        #expect(parsed?["nhsjobrole0"] == #"GUY'S & ST THOMAS', "Clinical":"x":"y""#)
        #expect(parsed?.parameters[1].attribute("id") == "555200010002")
    }

    @Test func renderedDocumentsParseBack() throws {
        let object = GPObject([
            .init(name: "a", value: "1 & 2 < 3 > \"0\""),
            .init(name: "response", value: "QUJD", attributes: ["encoding": "base64", "x": "&\""]),
        ])
        #expect(try GPObject(parsing: object.xml(prolog: true)) == object)
        #expect(try GPObject(parsing: Array(object.xml().utf8)) == object)
    }

    /// fuzz-gpobject crash-d39bfde6 (minimised): a quote followed by a combining mark is one
    /// character, so character-wise escaping wrote it bare and the name ended early when read back.
    @Test func specialCharactersFollowedByCombiningMarksAreEscaped() throws {
        let saved = #"<gpOBJECT<gpPARAM name=:"\#u{0656} /></gpOBJECT"#
        let object = try GPObject(parsing: saved)
        #expect(object.parameters.map(\.name) == [":\"\u{0656}"])
        #expect(try GPObject(parsing: object.xml()) == object)

        let injected = GPObject([
            .init(name: "r", value: "<\u{301}gpPARAM name=\"x\">&\u{301}", attributes: ["id": "1\"\u{301} role_code=\"R0\""])
        ])
        let text = injected.xml()
        #expect(text.contains("&lt;\u{301}gpPARAM name=\"x\"&gt;&amp;\u{301}"))
        #expect(text.contains(#"id="1&quot;\#u{301} role_code=&quot;R0&quot;""#))
        #expect(try GPObject(parsing: text) == injected)
    }
}
