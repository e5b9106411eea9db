/// The demo persona picker: a box over the main area listing each persona and what it shows.
enum DemoPicker {
    static func draw(_ overlay: DemoOverlay, top: Int, area: TerminalSize, into frame: inout Frame) {
        let width = min(area.columns - 2, 72)
        let height = min(area.rows, overlay.personas.count * 2 + 4)
        guard width >= 20, height >= 5 else { return }
        let left = (area.columns - width) / 2
        let boxTop = top + (area.rows - height) / 2
        let inner = width - 4
        let title = " Insert a demo card "
        frame.put("┌" + title + String(repeating: "─", count: max(0, width - 2 - DisplayText.width(title))) + "┐",
                  row: boxTop, column: left, .frame)
        for row in boxTop + 1..<boxTop + height - 1 {
            frame.put("│", row: row, column: left, .frame)
            frame.fill(row: row, column: left + 1, width: width - 2, .text)
            frame.put("│", row: row, column: left + width - 1, .frame)
        }
        frame.put("└" + String(repeating: "─", count: width - 2) + "┘", row: boxTop + height - 1, column: left, .frame)
        let window = ListWindow(count: overlay.personas.count, highlighted: overlay.highlighted, height: (height - 4) / 2)
        var row = boxTop + 1
        for index in window.range {
            let persona = overlay.personas[index]
            let selected = index == overlay.highlighted
            let label = DisplayText.padded((selected ? "> " : "  ") + DisplayText.sanitized(persona.label), toWidth: inner)
            frame.put(label, row: row, column: left + 2, selected ? .selection : .title)
            let description = DisplayText.truncated("    " + DisplayText.sanitized(persona.description), toWidth: inner)
            frame.put(description, row: row + 1, column: left + 2, .text)
            row += 2
        }
        // Personas out of view are counted on the borders.
        if window.moreAbove {
            frame.put(" ↑ \(window.range.lowerBound) more ", row: boxTop, column: left + width - 14, .frame)
        }
        if window.moreBelow {
            let below = overlay.personas.count - window.range.upperBound
            frame.put(" ↓ \(below) more ", row: boxTop + height - 1, column: left + width - 14, .frame)
        }
        let hint = DisplayText.truncated(overlay.pickerHint, toWidth: inner)
        frame.put(hint, row: boxTop + height - 2, column: left + 2, .hint)
    }
}
