import Foundation
import KioskProcessTestSupport
import Testing

/// A program SwiftPM built, read with binutils.
enum BuiltBinary {
    /// Every symbol `nm` lists; a stripped binary, which has none, cannot be checked.
    static func symbols(of path: String) throws -> SymbolTable {
        let table = SymbolTable(nmOutput: try binutils("nm", path))
        try #require(!table.names.isEmpty, "nm lists no symbols in \(path): is it stripped?")
        return table
    }

    /// The shared libraries `path` names in `DT_NEEDED`.
    static func neededLibraries(of path: String) throws -> [String] {
        neededLibraries(readelfOutput: try binutils("readelf", "-d", path))
    }

    /// The libraries in the output of `readelf -d`: its lines such as
    /// ` 0x0000000000000001 (NEEDED)  Shared library: [libcurl.so.4]`.
    static func neededLibraries(readelfOutput: String) -> [String] {
        readelfOutput.split(separator: "\n").filter { $0.contains("(NEEDED)") }.compactMap { line in
            line.split(separator: "[").last?.split(separator: "]").first.map(String.init)
        }
    }

    /// The standard output of `/usr/bin/TOOL ARGUMENTS`, which must succeed.
    private static func binutils(_ tool: String, _ arguments: String...) throws -> String {
        let executable = "/usr/bin/\(tool)"
        try #require(FileManager.default.isExecutableFile(atPath: executable), "no \(executable): install binutils (scripts/setup)")
        let log = FileManager.default.temporaryDirectory.appending(path: "\(tool)-\(UUID().uuidString.prefix(8))").path
        let result = try Spawned.run(executable, arguments, logPrefix: log)
        try #require(result.status == 0, "\(tool) \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }
}
