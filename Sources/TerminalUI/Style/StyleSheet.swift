import KioskCore

/// The parts of a screen that have a style of their own.
public enum StyleElement: Hashable, Sendable {
    /// The full-width environment band.
    case banner(KioskEnvironment)
    case title, text, hint, error, warning, selection, input, clock, readerStatus, frame
    /// Every cell's colours before anything is drawn on it: the whole screen takes them.
    case page
}

/// Every element's style; the app maps its theme onto this. Elements not set are drawn plain.
public struct StyleSheet: Hashable, Sendable {
    public var styles: [StyleElement: StyleVariants]

    public init(_ styles: [StyleElement: StyleVariants] = [:]) {
        self.styles = styles
    }

    public subscript(element: StyleElement) -> StyleVariants {
        get { styles[element] ?? .plain() }
        set { styles[element] = newValue }
    }

    public func style(for element: StyleElement, depth: ColorDepth) -> ScreenStyle {
        self[element].style(for: depth)
    }
}
