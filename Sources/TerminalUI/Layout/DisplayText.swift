import CShims

/// Text as a terminal shows it: made safe to draw, measured in columns, cut to fit.
public enum DisplayText {
    /// `text` with every control character (C0, DEL, C1) turned into a space and every
    /// character the terminal cannot print (unassigned, surrogates, bidirectional overrides)
    /// turned into U+FFFD, so that text from outside cannot move the cursor or reorder the screen.
    public static func sanitized(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map(safe)))
    }

    /// What ``sanitized(_:)`` draws for `scalar`.
    private static func safe(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.properties.generalCategory == .control { return " " }
        if isBidiControl(scalar) || cmc_wcwidth(scalar.value) < 0 { return "\u{FFFD}" }
        return scalar
    }

    /// Columns `text` takes once sanitised, as curses counts them (the sum of `wcwidth` over
    /// its code points).
    public static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    /// `text` cut at whole characters to fit `columns`, ending with "…" when something was cut.
    public static func truncated(_ text: String, toWidth columns: Int) -> String {
        guard columns > 0 else { return "" }
        guard width(text) > columns else { return text }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = width(String(character))
            guard used + characterWidth <= columns - 1 else { break }
            result.append(character)
            used += characterWidth
        }
        return result + "…"
    }

    /// `text` cut to fit `columns`, then padded with spaces to exactly `columns`.
    public static func padded(_ text: String, toWidth columns: Int) -> String {
        let cut = truncated(text, toWidth: columns)
        return cut + String(repeating: " ", count: max(0, columns - width(cut)))
    }

    /// `text` broken at spaces into lines of at most `columns`; a word longer than a line is cut.
    public static func wrapped(_ text: String, toWidth columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if width(candidate) <= columns {
                line = candidate
            } else {
                if !line.isEmpty { lines.append(line) }
                line = truncated(word, toWidth: columns)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    private static func width(of scalar: Unicode.Scalar) -> Int {
        max(0, Int(cmc_wcwidth(safe(scalar).value)))
    }

    private static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }
}
