import FoundationEssentials

extension Theme {
    /// Loads a theme by name from `themesDirectory` (`nhs` reads `nhs.toml`), or from a path when
    /// `nameOrPath` contains `/` or ends in `.toml`.
    public static func load(nameOrPath: String, themesDirectory: URL) throws(ConfigurationError) -> Theme {
        guard let reference = ThemeReference(nameOrPath) else {
            throw ConfigurationError(file: nameOrPath, Problem("is neither a theme name nor a path to a .toml file"))
        }
        let file = reference.file(in: themesDirectory)
        if case .name(let name) = reference, !FileManager.default.fileExists(atPath: file) {
            let available = themeNames(in: themesDirectory)
            let list = available.isEmpty ? "none" : available.joined(separator: ", ")
            throw ConfigurationError(file: file, Problem("no theme named \"\(name)\" (available: \(list))"))
        }
        do {
            let fallbackName = URL(filePath: file).deletingPathExtension().lastPathComponent
            return try read(SourceFile.document(at: file), fallbackName: fallbackName)
        } catch {
            throw ConfigurationError(file: file, error)
        }
    }

    /// Reads and validates theme text, as ``load(nameOrPath:themesDirectory:)`` does a file's
    /// contents; `name` is used when the text names none, and errors name `file`. Public for the
    /// fuzz targets (`Fuzz/`), which feed it arbitrary text.
    public static func parse(_ text: String, name: String, file: String) throws(ConfigurationError) -> Theme {
        do {
            return try read(SourceFile.document(parsing: text), fallbackName: name)
        } catch {
            throw ConfigurationError(file: file, error)
        }
    }

    /// The names of the theme files in a directory, sorted.
    private static func themeNames(in directory: URL) -> [String] {
        let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path(percentEncoded: false))
        return (files ?? []).filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
    }

    static let colourKeys = ["fg", "bg", "fg8", "bg8"]

    /// Every element takes colours and attributes; the page only colours.
    static let schema = Schema(tables: Dictionary(
        uniqueKeysWithValues: ThemeElement.allCases.map { ($0.tablePath, $0 == .page ? colourKeys : colourKeys + ["attributes"]) }
            + [([], ["name", "description"]), (["banner"], [])]))

    /// Validates a parsed theme file; internal so that tests can give text without a file.
    static func read(_ document: TOMLDocument, fallbackName: String) throws(Problem) -> Theme {
        if let attributes = document.field("attributes", in: ThemeElement.page.tablePath) {
            throw attributes.problem("the page takes colours only: fg, bg, fg8 and bg8")
        }
        try schema.check(document)
        _ = try document.field("description")?.string()
        let name = try document.field("name")?.string() ?? fallbackName
        var styles: [ThemeElement: ElementStyle] = [:]
        for element in ThemeElement.allCases where !element.isOptional || document.tables[element.tablePath]?.isExplicit == true {
            styles[element] = try readElement(element, from: document)
        }
        if styles[.page] == nil, let text = styles[.text] {
            styles[.page] = ElementStyle(
                foreground: text.foreground, background: text.background,
                foreground8: text.foreground8, background8: text.background8)
        }
        let theme = Theme(name: name, styles: styles)
        try checkContrast(theme, document: document)
        return theme
    }

    /// Every element must be legible where themes are measured (``ThemeContrast``); the page
    /// first, as the other elements take its colours.
    private static func checkContrast(_ theme: Theme, document: TOMLDocument) throws(Problem) {
        for element in [.page] + ThemeElement.allCases.filter({ $0 != .page }) {
            for viewing in ThemeContrast.viewings {
                let style = theme.style(for: element, colourSupport: viewing.colourSupport)
                guard let shortfall = ThemeContrast.shortfall(of: element, style, in: viewing) else { continue }
                let table = document.tables[element.tablePath]?.isExplicit == true ? element : .text
                throw Problem(line: document.tables[table.tablePath]?.line, key: "[\(element.rawValue)]", shortfall)
            }
        }
    }

    private static func readElement(_ element: ThemeElement, from document: TOMLDocument) throws(Problem) -> ElementStyle {
        let path = element.tablePath
        guard document.tables[path]?.isExplicit == true else {
            throw Problem(key: "[\(element.rawValue)]", "missing: a theme styles every element")
        }
        func colour(_ key: String, allowsIndex: Bool) throws(Problem) -> TerminalColour? {
            guard let field = document.field(key, in: path) else { return nil }
            return try ThemeColour.read(field, allowsIndex: allowsIndex)
        }
        var style = ElementStyle()
        style.foreground = try colour("fg", allowsIndex: true) ?? .terminalDefault
        style.background = try colour("bg", allowsIndex: true) ?? .terminalDefault
        style.foreground8 = try colour("fg8", allowsIndex: false) ?? ThemeColour.eightColour(style.foreground)
        style.background8 = try colour("bg8", allowsIndex: false) ?? ThemeColour.eightColour(style.background)
        if let field = document.field("attributes", in: path) {
            for name in try field.strings() {
                guard let attribute = TextAttribute(rawValue: name) else {
                    throw field.problem("\"\(name)\" is not an attribute; use bold, reverse, underline, dim, blink or standout")
                }
                style.attributes.insert(attribute)
            }
        }
        try checkLegible(style, element: element, document: document)
        return style
    }

    /// Text in the same colour as its background would vanish, in 256 colours or in the fallback.
    private static func checkLegible(_ style: ElementStyle, element: ThemeElement, document: TOMLDocument) throws(Problem) {
        let path = element.tablePath
        let line = document.field("bg", in: path)?.line ?? document.tables[path]?.line
        if style.foreground == style.background && style.foreground != .terminalDefault {
            throw Problem(line: line, key: "\(element.rawValue).bg", "is the same colour as fg: the text would be invisible")
        }
        if style.foreground8 == style.background8 && style.foreground8 != .terminalDefault {
            let line8 = document.field("bg8", in: path)?.line ?? line
            let colour = style.foreground8.paletteIndex.map { ThemeColour.names[$0] } ?? "default"
            throw Problem(
                line: line8, key: "\(element.rawValue).bg8",
                "on 8-colour terminals fg and bg would both be \(colour); set fg8 and bg8")
        }
    }
}
