@testable import KioskConfiguration
import Testing

@Suite struct TOMLParserTests {
    private func value(_ text: String) throws -> TOMLValue? {
        try TOMLParser.parse("v = \(text)\n").tables[[]]?.entries["v"]?.value
    }

    private func failure(_ text: String) -> TOMLError? {
        do {
            _ = try TOMLParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsTablesKeysAndLines() throws {
        let document = try TOMLParser.parse("""
            # a comment
            top = "x"   # trailing comment

            [endpoints]
            gas_url = 'https://gas.example'
            "quoted key" = 1
            [banner.live]
            fg = "white"
            """)
        #expect(document.tables[[]]?.entries["top"] == TOMLEntry(value: .string("x"), line: 2, column: 1))
        #expect(document.tables[["endpoints"]]?.line == 4)
        #expect(document.tables[["endpoints"]]?.keys == ["gas_url", "quoted key"])
        #expect(document.tables[["endpoints"]]?.entries["quoted key"]?.line == 6)
        #expect(document.tables[["banner"]]?.isExplicit == false)
        #expect(document.tables[["banner", "live"]]?.entries["fg"]?.value == .string("white"))
    }

    @Test func readsScalars() throws {
        #expect(try value("42") == .integer(42))
        #expect(try value("-17") == .integer(-17))
        #expect(try value("+1_000") == .integer(1000))
        #expect(try value("0") == .integer(0))
        #expect(try value("3.5") == .float(3.5))
        #expect(try value("-1e3") == .float(-1000))
        #expect(try value("6.02E+2") == .float(602))
        #expect(try value("true") == .boolean(true))
        #expect(try value("false") == .boolean(false))
    }

    @Test func readsStringsWithEscapes() throws {
        #expect(try value(#""tab\there \"q\" \\ \u00e9 \U0001F600""#) == .string("tab\there \"q\" \\ é 😀"))
        #expect(try value(#"'C:\no\escapes'"#) == .string(#"C:\no\escapes"#))
        #expect(try value(#""""#) == .string(""))
    }

    @Test func readsArraysOverSeveralLines() throws {
        #expect(try value("[]") == .array([]))
        #expect(try value(#"["a", 'b']"#) == .array([.string("a"), .string("b")]))
        let document = try TOMLParser.parse("""
            command = [
              "/usr/bin/firefox",  # the browser
              "--kiosk",
            ]
            after = 1
            """)
        #expect(document.tables[[]]?.entries["command"]?.value == .array([.string("/usr/bin/firefox"), .string("--kiosk")]))
        #expect(document.tables[[]]?.entries["after"]?.line == 5)
    }

    @Test func acceptsCRLFAndAByteOrderMark() throws {
        let document = try TOMLParser.parse("\u{FEFF}a = 1\r\n[t]\r\nb = 2\r\n")
        #expect(document.tables[["t"]]?.entries["b"]?.line == 3)
    }

    @Test("refuses what the subset does not support, at its line and column", arguments: [
        ("a = 1\nb = \"\"\"x\"\"\"\n", 2, 5, "multi-line strings"),
        ("a = { b = 1 }", 1, 5, "inline tables"),
        ("[[servers]]", 1, 2, "arrays of tables"),
        ("a.b = 1", 1, 2, "dotted keys"),
        ("d = 1979-05-27", 1, 5, "dates and times"),
        ("h = 0x1F", 1, 5, "only decimal integers"),
        ("n = nan", 1, 5, "inf and nan"),
        ("x = [[1], [2]]", 1, 6, "nested arrays"),
    ])
    func refusesUnsupported(text: String, line: Int, column: Int, message: String) throws {
        let error = try #require(failure(text))
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.message.contains(message))
    }

    @Test("refuses broken input with its line", arguments: [
        ("a = \"open\nb = 1", 1, "unterminated string"),
        ("\n\na = 'open", 3, "unterminated string"),
        ("a = \"bad \\q\"", 1, "unknown escape \\q"),
        ("a = \"\\uD800\"", 1, "not a Unicode scalar value"),
        ("a = \"\\u12\"", 1, "4 hexadecimal digits"),
        ("a = yes", 1, "\"yes\" is not a value (strings must be quoted)"),
        ("a = ", 1, "expected a value"),
        ("a 1", 1, "expected = after the key \"a\""),
        ("= 1", 1, "expected a key"),
        ("a = 1 2", 1, "expected the end of the line"),
        ("a = 1\na = 2", 2, "\"a\" is set twice (first on line 1)"),
        ("[t]\n[t]", 2, "table [t] is defined twice (first on line 1)"),
        ("t = 1\n[t]", 2, "\"t\" is already a value (line 1), not a table"),
        ("[t.u]\n[t]\nu = 1", 3, "\"u\" is already a table"),
        ("a = 01", 1, "not a valid number"),
        ("a = 1__0", 1, "not a valid number"),
        ("a = 1.", 1, "not a valid number"),
        ("a = 99999999999999999999", 1, "out of range"),
        ("a = 1e400", 1, "out of range"),
        ("a = [1, 2", 1, "expected , or ]"),
        ("[t", 1, "expected ] to close the table header"),
        ("a = 1\rb = 2", 1, "carriage return"),
        ("a = \"x\u{01}\"", 1, "control character U+1"),
    ])
    func refusesBrokenInput(text: String, line: Int, message: String) throws {
        let error = try #require(failure(text))
        #expect(error.line == line)
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test("refuses a control character in any string, at its column", arguments: [
        ("a = \"x\u{01}\"", 7), ("a = 'x\u{01}'", 7), ("\"k\u{7F}\" = 1", 3), ("'k\u{1B}' = 1", 3),
    ])
    func refusesControlCharacters(text: String, column: Int) throws {
        let error = try #require(failure(text))
        #expect(error.column == column)
        #expect(error.message.contains("control character"), "\(error.message)")
    }

    @Test func describesErrorsAsLineColonColumn() {
        #expect(TOMLError(line: 3, column: 7, message: "oops").description == "3:7: oops")
    }
}
