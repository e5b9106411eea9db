import CShims

/// Text as a terminal shows it: made safe to draw, measured in columns, cut to fit.
public enum DisplayText {
    /// `text` with every control character (C0, DEL, C1) turned into a space and every
    /// character the terminal cannot print (unassigned, surrogates, bidirectional overrides)
    /// turned into U+FFFD, so that text from outside cannot move the cursor or reorder the screen.
    public static func sanitized(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                scalars.append(" ")
            } else if isBidiControl(scalar) || (cmc_wcwidth(scalar.value) < 0 && !isFormat(scalar)) {
                scalars.append("\u{FFFD}")
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Columns `text` takes, as curses counts them (sum of `wcwidth` over its code points).
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

    private static func width(of scalar: Unicode.Scalar) -> Int {
        let columns = cmc_wcwidth(scalar.value)
        return columns < 0 ? (isFormat(scalar) ? 0 : 1) : Int(columns)
    }

    /// Zero-width format characters such as ZWJ and variation selectors, kept as they are.
    private static func isFormat(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .format || scalar.properties.isVariationSelector
    }

    private static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }
}
