import KioskCore

/// The parts of a kiosk screen that a theme styles; the raw value is the table in a theme file.
public enum ThemeElement: String, CaseIterable, Sendable {
    case bannerLive = "banner.live"
    case bannerTest = "banner.test"
    case bannerTraining = "banner.training"
    case bannerDemo = "banner.demo"
    case title
    case text
    /// The key-hint status line.
    case hint
    case error
    case warning
    /// The highlighted role.
    case selection
    /// The passcode field.
    case input
    case clock
    case readerStatus = "reader_status"
    case frame
    /// Every cell of the screen: the background behind everything, and the colours an element
    /// left at `default` takes. Optional in a theme file: the text's colours when left out.
    case page

    /// The banner of an environment.
    public static func banner(for environment: KioskEnvironment) -> ThemeElement {
        switch environment {
        case .live: .bannerLive
        case .test: .bannerTest
        case .training: .bannerTraining
        case .demo: .bannerDemo
        }
    }

    /// The table path in a theme file, e.g. `["banner", "live"]`.
    var tablePath: [String] { rawValue.split(separator: ".").map(String.init) }

    /// Whether a theme file may leave the element out.
    var isOptional: Bool { self == .page }

    /// Headings: WCAG's large-text minimum applies to them when bold.
    var isHeading: Bool {
        switch self {
        case .bannerLive, .bannerTest, .bannerTraining, .bannerDemo, .title: true
        default: false
        }
    }

    /// Whether some of the element's text is drawn bold on top of its style: the key names in
    /// the hint line.
    var emphasisesSomeText: Bool { self == .hint }

    /// Elements that must stand out even without colour: in monochrome they are always reversed.
    var mustStandOut: Bool {
        switch self {
        case .bannerLive, .bannerTest, .bannerTraining, .bannerDemo, .selection: true
        default: false
        }
    }
}
