import LifecycleDriver

/// A kiosk binary to measure, and what the report calls it.
struct KioskBuild: Equatable {
    let label: String
    let path: String
}

/// One kiosk the run measures: a build with a card backend, and what the report calls the pair.
struct MeasuredKiosk {
    let build: KioskBuild
    let backend: CardBackend
    let label: String

    /// The label as part of a file name.
    var fileName: String { label.replacingOccurrences(of: ", ", with: "-").replacingOccurrences(of: " ", with: "-") }

    /// Every build with every backend, each build's in turn. A label names only what differs:
    /// the build ("baseline", "this build") when there are several, the backend when there are
    /// several, both when both vary.
    static func pairs(builds: [KioskBuild], backends: [CardBackend]) -> [MeasuredKiosk] {
        builds.flatMap { build in
            backends.map { backend in
                let parts = [builds.count > 1 ? build.label : nil, backends.count > 1 ? backend.name : nil].compactMap { $0 }
                return MeasuredKiosk(build: build, backend: backend, label: parts.isEmpty ? build.label : parts.joined(separator: ", "))
            }
        }
    }
}
