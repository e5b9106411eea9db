/// The length limit of every text in an audit line. Some texts come from servers (a GAS error
/// code, a role id): however long they are sent, a line stays short enough for the file and for
/// syslog.
enum AuditText {
    /// The most UTF-8 bytes a text keeps, its cut marker included.
    static let limit = 512
    /// Ends a text that was cut.
    static let cutMarker = "…(cut)"

    /// `text` as it is if it fits in ``limit`` bytes; otherwise its longest start that fits with
    /// ``cutMarker`` after it, cut between two Unicode scalars (never inside one's UTF-8 bytes).
    static func capped(_ text: String, limit: Int = limit) -> String {
        guard text.utf8.count > limit else { return text }
        let room = limit - cutMarker.utf8.count
        var kept = String.UnicodeScalarView()
        var bytes = 0
        for scalar in text.unicodeScalars {
            bytes += UTF8.width(scalar)
            guard bytes <= room else { break }
            kept.append(scalar)
        }
        return String(kept) + cutMarker
    }
}
