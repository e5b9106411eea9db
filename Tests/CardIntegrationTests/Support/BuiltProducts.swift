import Foundation

/// Paths of the package's own executables and files, found from the running test binary.
enum BuiltProducts {
    /// The build folder the test binary runs from, where `swift test` also builds the executables.
    static let binDirectory: URL = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(filePath: exe).deletingLastPathComponent()
    }()

    static let packageRoot = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func executable(_ name: String) -> URL { binDirectory.appending(path: name) }

    static func demoPersona(_ name: String) -> URL {
        packageRoot.appending(path: "Personas/demo/\(name).json")
    }
}
