import FoundationEssentials

/// The S/MIME text GAS expects around the CMS structure, and its base64 `response` value.
enum SMIMEEnvelope {
    /// The MIME text (CRLF line ends) with the DER in base64 lines of 64 characters, each line
    /// ending in CRLF.
    static func text(for der: [UInt8]) -> String {
        let header = [
            "MIME-Version: 1.0",
            "Content-Disposition: attachment; filename=\"smime.p7m\"",
            "Content-Type: application/x-pkcs7-mime; name=\"smime.p7m\"",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        let encoded = Data(der).base64EncodedString()
        var lines = header
        var start = encoded.startIndex
        while start < encoded.endIndex {
            let end = encoded.index(start, offsetBy: 64, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[start..<end]))
            start = end
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    /// The validation request's `response` parameter: base64 of the MIME text.
    static func responseValue(for der: [UInt8]) -> String {
        Data(text(for: der).utf8).base64EncodedString()
    }
}
