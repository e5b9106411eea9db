import GPObject
import Testing

/// The `STATUS` answer of role selection and logout.
@Suite struct GASStatusTests {
    private func status(_ text: String) -> GASStatus? {
        GASStatus(parsing: Array(text.utf8))
    }

    @Test(arguments: [
        "<HTML><STATUS>OK</STATUS></HTML>\n",
        "<html><status> OK\n</status></html>",
        #"<HTML><STATUS lang="en">OK</STATUS ></HTML>"#,
        "<STATUS>OK</STATUS>",
    ])
    func anOKAnswer(_ body: String) throws {
        #expect(try #require(status(body)).isOK)
    }

    @Test("an error answer, even with OK elsewhere in the body", arguments: [
        ("<HTML><STATUS>INVALID_TOKEN</STATUS></HTML>\n", "INVALID_TOKEN"),
        ("<HTML><STATUS/></HTML>", ""),
        ("<HTML><STATUS>OK &amp; more</STATUS></HTML>", "OK & more"),
        ("<HTML><TITLE>OK</TITLE><STATUS>INVALID_ROLE</STATUS></HTML>", "INVALID_ROLE"),
        ("<HTML><STATUS>NOT OK</STATUS></HTML>", "NOT OK"),
        ("<HTML><!-- <STATUS>OK</STATUS> --><STATUS>INVALID_TOKEN</STATUS></HTML>", "INVALID_TOKEN"),
        ("<HTML><STATUS>INVALID_TOKEN</STATUS><P><STATUS>OK</STATUS></P></HTML>", "INVALID_TOKEN"),
        ("<HTML><STATUSCODE>OK</STATUSCODE><STATUS>FAILED</STATUS></HTML>", "FAILED"),
    ])
    func anErrorAnswer(_ body: String, value: String) throws {
        let answer = try #require(status(body))
        #expect(answer.value == value)
        #expect(!answer.isOK)
    }

    @Test("no complete STATUS element is no answer", arguments: [
        "",
        "OK",
        "<HTML><BODY>Status: OK</BODY></HTML>",
        #"<gpOBJECT><gpPARAM name="error">INVALID_TOKEN</gpPARAM></gpOBJECT>"#,
        "<HTML><STATUS>OK",
        "<HTML><STATUS",
        "<!-- <STATUS>OK</STATUS>",
    ])
    func noAnswer(_ body: String) {
        #expect(status(body) == nil)
    }
}
