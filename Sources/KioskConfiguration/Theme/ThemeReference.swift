import FoundationEssentials

/// How a theme is named in the configuration: a path when it contains `/` or ends in `.toml`,
/// otherwise the name of a file in the themes directory.
enum ThemeReference: Equatable {
    case name(String)
    case path(String)

    init?(_ text: String) {
        if text.contains("/") || text.hasSuffix(".toml") {
            self = .path(text)
        } else if !text.isEmpty, text.unicodeScalars.allSatisfy({ $0.isNameCharacter(orOneOf: "-_") }) {
            self = .name(text)
        } else {
            return nil
        }
    }

    /// The file to read.
    func file(in themesDirectory: URL) -> String {
        switch self {
        case .name(let name): themesDirectory.appending(path: "\(name).toml").path(percentEncoded: false)
        case .path(let path): path
        }
    }
}
