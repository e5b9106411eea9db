import KioskCore

/// "Select your role": one role per line, the highlighted one marked, a filter above five roles,
/// and a window that scrolls when the list is taller than the screen. The cursor sits on the
/// filter; in accessible mode on the highlighted role, so that a screen reader reads it.
enum RoleChoiceScreen {
    static func page(_ choice: RoleChoice, _ context: ScreenContext) -> Page {
        var lines = [Line("Select your role", .title), .blank]
        let visible = choice.visibleRoles
        if choice.offersFilter {
            let filterHasCursor = !context.accessible || visible.isEmpty
            lines.append(Line([Span("Filter: "), Span(choice.filter, .input), Span(" ", .input, showsCursor: filterHasCursor)]))
            lines.append(Line("\(visible.count) of \(choice.roles.count) roles", .hint))
            lines.append(.blank)
        }
        let descriptions = visible.map(Screens.describe)
        let width = min(context.area.columns - 2, (descriptions.map(DisplayText.width).max() ?? 0) + 4)
        let column = max(0, (context.area.columns - width) / 2)
        if visible.isEmpty {
            lines.append(Line("No role matches “\(choice.filter)”", .warning))
        } else {
            let window = ListWindow(count: visible.count, highlighted: choice.highlighted, height: context.area.rows - lines.count)
            if window.moreAbove { lines.append(Line("  ↑ \(window.range.lowerBound) more", .hint, column: column)) }
            for index in window.range {
                let selected = index == choice.highlighted
                let text = DisplayText.padded((selected ? "> " : "  ") + descriptions[index], toWidth: width)
                let span = Span(text, selected ? .selection : .text, showsCursor: selected && context.accessible)
                lines.append(Line([span], column: column))
            }
            if window.moreBelow {
                lines.append(Line("  ↓ \(visible.count - window.range.upperBound) more", .hint, column: column))
            }
        }
        var hints = [KeyHint(key: "Up/Down", action: "Move"), KeyHint(key: context.keys.submit, action: "Choose")]
        if choice.offersFilter { hints.append(KeyHint(key: "Type", action: "Filter")) }
        hints.append(KeyHint(key: context.keys.giveUp, action: "Cancel"))
        return Page(lines: lines, hints: hints)
    }
}
