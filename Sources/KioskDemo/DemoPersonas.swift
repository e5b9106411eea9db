import Foundation
import Simulator

/// The demo's cards: the persona files of a folder, in the order a trainer walks through them.
public struct DemoPersonas: Sendable {
    /// One persona and the file it came from.
    public struct Entry: Sendable {
        public var key: String
        public var persona: Persona
    }

    public let entries: [Entry]

    private static let walkthroughOrder = [
        "several-roles", "one-role", "eight-roles", "zero-roles", "unregistered", "no-cmc-role", "last-try",
        "blocked", "expiring", "expired",
    ]

    /// Loads every `*.json` persona of `folder` (expiring ones are issued afresh).
    public init(folder: URL) throws {
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        let keyed = try files.map { file in
            Entry(key: file.deletingPathExtension().lastPathComponent, persona: try Persona.load(contentsOf: file))
        }
        entries = keyed.sorted { Self.rank($0.key) < Self.rank($1.key) }
    }

    private static func rank(_ key: String) -> (Int, String) {
        (walkthroughOrder.firstIndex(of: key) ?? walkthroughOrder.count, key)
    }
}
