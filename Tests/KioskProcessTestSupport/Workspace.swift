import Foundation
import TerminalTestSupport

/// Paths of the package: its programs beside the test binary, its demo personas.
public enum Package {
    public static let root = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func program(_ name: String) -> String { Tmux.builtProgram(name) }

    public static func persona(_ name: String) -> String { root.appending(path: "Personas/demo/\(name).json").path }

    public static let cardCA = root.appending(path: "Personas/demo/ca.pem").path
}

/// A folder of this test's own under /tmp, named `e2e-lifecycle-…`, for logs, keys and state.
public final class Workspace: @unchecked Sendable {
    public let path: String

    public init(_ name: String) throws {
        path = "/tmp/e2e-lifecycle-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { "\(path)/\(name)" }

    public func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }
}

public enum LifecycleError: Error, CustomStringConvertible {
    case failed(String)
    public var description: String { if case .failed(let text) = self { text } else { "" } }
}
