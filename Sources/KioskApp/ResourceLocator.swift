import FoundationEssentials

/// Finds the kiosk's shipped folders (`Themes`, `Personas/demo`): beside an installed binary in
/// `../share/cmc-kiosk`, or in the source checkout the binary was built in.
public enum ResourceLocator {
    public static func folder(_ relativePath: String) -> URL? {
        candidates().map { $0.appending(path: relativePath) }.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    private static func candidates() -> [URL] {
        let executable = URL(filePath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0])
        var roots = [executable.deletingLastPathComponent().appending(path: "../share/cmc-kiosk").standardized]
        var folder = executable.deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appending(path: "Package.swift").path) {
                roots.append(folder)
                break
            }
            folder = folder.deletingLastPathComponent()
        }
        roots.append(URL(filePath: "/usr/share/cmc-kiosk"))
        return roots
    }
}
