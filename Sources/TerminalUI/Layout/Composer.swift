import FoundationEssentials
import Glibc
import KioskCore

/// Lays a whole screen out in bands, the way tuigreet does: the environment banner, the clock
/// and reader line, the current screen's page, the demo line, and the key hints.
///
/// At 80×24 and larger every band shows with rules between them; smaller terminals get a
/// compact layout (no rules, blank lines dropped first); below 40×10 only the banner and
/// "Terminal too small" remain.
///
/// In accessible mode the clock goes (so that nothing changes while nothing happens), the state
/// is one sentence on the first line of the main area, and the cursor sits on the screen's
/// field or highlighted role, or else at the start of that sentence.
enum Composer {
    static let minimumSize = TerminalSize(columns: 40, rows: 10)
    static let comfortableSize = TerminalSize(columns: 80, rows: 24)

    static func frame(
        _ state: KioskState, overlay: DemoOverlay?, size: TerminalSize, keys: KeyLabels,
        clock: WallClock = .local, accessible: Bool = false
    ) -> Frame {
        var frame = Frame(size: size)
        guard size.columns > 0, size.rows > 0 else { return frame }
        banner(state.environment, into: &frame)
        guard size.columns >= minimumSize.columns, size.rows >= minimumSize.rows else {
            tooSmall(into: &frame)
            return frame
        }
        let compact = size.columns < comfortableSize.columns || size.rows < comfortableSize.rows
        statusLine(state, row: 1, clock: accessible ? nil : clock, compact: compact, into: &frame)
        var top = 2
        var bottom = size.rows - 1  // the hint line
        if !compact {
            frame.put(String(repeating: "─", count: size.columns), row: 2, column: 0, .frame)
            top = 3
        }
        if let overlay {
            bottom -= 1
            demoLine(overlay, row: bottom, into: &frame)
        } else if !compact {
            bottom -= 1
            frame.put(String(repeating: "─", count: size.columns), row: bottom, column: 0, .frame)
        }
        var sentence: (row: Int, column: Int)?
        if accessible {
            let text = DisplayText.sanitized(Sentence.of(state, keys: keys))
            let lines = DisplayText.wrapped(text, toWidth: size.columns - 2)
            for (offset, line) in lines.enumerated() { frame.put(line, row: top + offset, column: 1, .text) }
            sentence = (top, 1)
            top += lines.count + (compact ? 0 : 1)
        }
        let area = TerminalSize(columns: size.columns, rows: bottom - top)
        let page = Screens.page(ScreenContext(state: state, area: area, keys: keys, accessible: accessible))
        place(page.lines, top: top, area: area, into: &frame)
        if accessible, frame.cursor == nil { frame.cursor = sentence }
        hintLine(page.hints, row: size.rows - 1, into: &frame)
        if let overlay, overlay.pickerOpen {
            frame.cursor = nil
            DemoPicker.draw(overlay, top: top, area: area, into: &frame)
        }
        return frame
    }

    // MARK: Bands

    private static func banner(_ environment: KioskEnvironment, into frame: inout Frame) {
        let element = StyleElement.banner(environment)
        let name = environment.bannerText
        frame.fill(row: 0, element)
        if frame.size.columns >= 50 {
            frame.put(" \(name)", row: 0, column: 0, element)
            let right = "\(name) "
            frame.put(right, row: 0, column: frame.size.columns - DisplayText.width(right), element)
            frame.putCentred("Coordinate My Care", row: 0, element)
        } else {
            frame.putCentred(name, row: 0, element)
        }
    }

    private static func tooSmall(into frame: inout Frame) {
        let middle = max(1, frame.size.rows / 2)
        frame.putCentred(frame.size.columns >= 18 ? "Terminal too small" : "Too small", row: middle, .error)
        let needed = "Needs \(minimumSize.columns)×\(minimumSize.rows)"
        if middle + 1 < frame.size.rows { frame.putCentred(needed, row: middle + 1, .text) }
    }

    private static func statusLine(
        _ state: KioskState, row: Int, clock wallClock: WallClock?, compact: Bool, into frame: inout Frame
    ) {
        var used = 0
        if let wallClock {
            let clock = ClockText(state.now, on: wallClock)
            frame.put(" \(clock.time)", row: row, column: 0, .clock)
            used = DisplayText.width(clock.time) + 1
            if !compact {
                frame.put("  \(clock.date)", row: row, column: used, .text)
                used += DisplayText.width(clock.date) + 2
            }
        }
        let room = frame.size.columns - used - 3
        let reader = DisplayText.truncated(DisplayText.sanitized(readerStatus(state)), toWidth: room)
        frame.put(reader, row: row, column: frame.size.columns - DisplayText.width(reader) - 1, .readerStatus)
    }

    /// "Reader: <name>", "No reader" or "Card service unavailable".
    static func readerStatus(_ state: KioskState) -> String {
        if !state.cardServiceAvailable { return "Card service unavailable" }
        if let reader = state.cardReader { return "Reader: \(reader)" }
        switch state.readers.count {
        case 0: return "No reader"
        case 1: return "Reader: \(state.readers[0])"
        default: return "Readers: \(state.readers.count)"
        }
    }

    private static func demoLine(_ overlay: DemoOverlay, row: Int, into frame: inout Frame) {
        let hints = [KeyHint(key: overlay.insertKey, action: "Insert a card"), KeyHint(key: overlay.removeKey, action: "Remove the card")]
        var column = hintLine(hints, row: row, into: &frame)
        if let label = overlay.insertedLabel {
            column += 2
            frame.put("Card: \(DisplayText.sanitized(label))", row: row, column: column, .warning)
        }
    }

    /// Draws hints as "KEY action  KEY action" from the left; returns the column after them.
    @discardableResult
    private static func hintLine(_ hints: [KeyHint], row: Int, into frame: inout Frame) -> Int {
        frame.fill(row: row, .hint)
        var column = 1
        for hint in hints {
            if !hint.key.isEmpty {
                frame.put(hint.key, row: row, column: column, .hint, emphasised: true)
                column += DisplayText.width(hint.key) + 1
            }
            frame.put(hint.action, row: row, column: column, .hint)
            column += DisplayText.width(hint.action) + 2
        }
        return min(column, frame.size.columns)
    }

    // MARK: The page

    /// Centres the page's lines in the area; centred text too wide for it wraps. When they do
    /// not fit, blank lines go first, then the lines at the bottom.
    private static func place(_ lines: [Line], top: Int, area: TerminalSize, into frame: inout Frame) {
        var lines = lines.flatMap { wrapped($0, toWidth: area.columns - 2) }
        if lines.count > area.rows { lines.removeAll { $0.spans.isEmpty } }
        lines = Array(lines.prefix(max(0, area.rows)))
        var row = top + max(0, (area.rows - lines.count) / 2)
        for line in lines {
            let texts = line.spans.map { DisplayText.sanitized($0.text) }
            let width = texts.reduce(0) { $0 + DisplayText.width($1) }
            var column = line.column ?? max(0, (area.columns - width) / 2)
            for (span, text) in zip(line.spans, texts) {
                if span.showsCursor, column < area.columns { frame.cursor = (row, column) }
                frame.put(text, row: row, column: column, span.element)
                column += DisplayText.width(text)
            }
            row += 1
        }
    }
}

/// A centred one-span line wider than `columns`, as several lines; other lines as they are.
private func wrapped(_ line: Line, toWidth columns: Int) -> [Line] {
    guard line.column == nil, line.spans.count == 1, let span = line.spans.first, line.width > columns else { return [line] }
    return DisplayText.wrapped(DisplayText.sanitized(span.text), toWidth: columns).map { Line([Span($0, span.element)]) }
}

/// Which wall clock the screens show.
enum WallClock {
    /// The machine's local time, as the C library reads `TZ` and `/etc/localtime` (summer time
    /// included: FoundationEssentials alone knows no time zone but GMT).
    case local
    /// Coordinated universal time, for tests.
    case utc
}

/// The clock's texts for a time: "14:05:09" and "Sun 29 Nov 2026", on the wall clock given.
struct ClockText {
    var time: String
    var date: String

    init(_ now: Date, on clock: WallClock) {
        var seconds = time_t(now.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        switch clock {
        case .local: _ = localtime_r(&seconds, &parts)
        case .utc: _ = gmtime_r(&seconds, &parts)
        }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        time = "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        date = "\(weekdays[Int(parts.tm_wday) % 7]) \(parts.tm_mday) \(months[Int(parts.tm_mon) % 12]) \(parts.tm_year + 1900)"
    }
}
