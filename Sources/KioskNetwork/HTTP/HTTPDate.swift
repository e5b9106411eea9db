import FoundationEssentials
import Glibc

/// HTTP dates (RFC 9110 §5.6.7), as servers send them in `Date` and `Retry-After`:
/// `Sun, 06 Nov 1994 08:49:37 GMT`.
public enum HTTPDate {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The moment an IMF-fixdate names; nil for anything else (the obsolete RFC 850 and asctime
    /// forms included: the kiosk's servers send the fixed form).
    public static func parse(_ text: String) -> Date? {
        let fields = text.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 6, fields[0].count == 4, fields[0].hasSuffix(","),
              weekdays.contains(String(fields[0].dropLast())), fields[5] == "GMT",
              fields[1].count == 2, let day = Int32(fields[1]),
              let month = months.firstIndex(of: String(fields[2])),
              fields[3].count == 4, let year = Int32(fields[3]) else { return nil }
        let clock = fields[4].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 }),
              let hour = Int32(clock[0]), let minute = Int32(clock[1]), let second = Int32(clock[2]),
              (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = Int32(month)
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        let seconds = timegm(&parts)
        // timegm normalises 31 Feb into March: a date that moved was not a real one.
        guard parts.tm_mday == day, parts.tm_mon == Int32(month) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
