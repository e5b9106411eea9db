import Foundation

/// The S/MIME text inside a GAS `response` parameter, read in the spec's form (CRLF line ends,
/// headers at the start of their lines, an empty separator line, base64 in lines of 64) and in
/// the public clients' forms as well: what matters is a `Content-Transfer-Encoding: base64`
/// header, a blank line, and the CMS structure in base64 after it.
struct SMIMEText {
    /// The CMS structure: the body, base64-decoded.
    var der: [UInt8]
    /// How the text departs from the spec's form.
    var quirks: [SMIMEQuirk]

    /// Reads `base64(MIME text)`.
    init(response: String) throws(ChallengeResponseError) {
        guard let data = Data(base64Encoded: response, options: .ignoreUnknownCharacters), !data.isEmpty,
              String(data: data, encoding: .utf8) != nil
        else { throw .malformed("response is not base64 of a text") }
        let bytes = Array(data)
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }
        guard let separator = lines.firstIndex(where: { $0.allSatisfy(\.isWhitespace) }), separator > 0 else {
            throw .malformed("response has no MIME header")
        }
        let headers = lines[..<separator]
        guard headers.contains(where: { Self.isBase64TransferEncoding($0) }) else {
            throw .malformed("MIME part is not base64 transfer-encoded")
        }
        let body = lines[(separator + 1)...]
        guard let der = Data(base64Encoded: body.joined(), options: .ignoreUnknownCharacters), !der.isEmpty else {
            throw .malformed("MIME body is not base64")
        }
        self.der = Array(der)
        quirks = SMIMEQuirk.allCases.filter { quirk in
            switch quirk {
            case .indentedHeaders: headers.contains { $0.first?.isWhitespace == true }
            case .spacesInSeparatorLine: !lines[separator].isEmpty
            case .lineFeedLineEnds: bytes.indices.contains { bytes[$0] == 0x0A && ($0 == 0 || bytes[$0 - 1] != 0x0D) }
            case .longBase64Lines: body.contains { $0.count > 76 }
            case .noFinalNewline: bytes.last != 0x0A
            }
        }
    }

    /// `Content-Transfer-Encoding: base64`, spaces and case aside.
    private static func isBase64TransferEncoding(_ line: String) -> Bool {
        let parts = line.split(separator: ":", maxSplits: 1)
        return parts.count == 2 && parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-transfer-encoding"
            && parts[1].trimmingCharacters(in: .whitespaces).lowercased() == "base64"
    }
}

/// A way the S/MIME text of a GAS `response` departs from the spec's form, as the NHSbuntu
/// identity agent's does in all five. Accepted, and shown in `/_sim/status` and the log.
public enum SMIMEQuirk: String, CaseIterable, Codable, Sendable {
    /// Headers start with spaces (eight, in the NHSbuntu agent's text).
    case indentedHeaders = "indented_headers"
    /// The line between headers and body holds spaces.
    case spacesInSeparatorLine = "spaces_in_separator_line"
    /// Lines end in LF alone, not CRLF.
    case lineFeedLineEnds = "lf_line_ends"
    /// A base64 line is longer than MIME's 76 characters: one unbroken line, say.
    case longBase64Lines = "long_base64_lines"
    /// The text does not end with a line end.
    case noFinalNewline = "no_final_newline"
}
