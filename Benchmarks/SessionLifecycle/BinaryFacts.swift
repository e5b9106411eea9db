import Foundation
import LifecycleDriver

/// A kiosk binary's size on disk and the shared libraries it names (`DT_NEEDED`, from `readelf -d`).
struct BinaryFacts {
    let bytes: Int?
    let neededLibraries: [String]

    init(path: String) {
        bytes = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        let dynamic = (try? Workbench.run("/usr/bin/readelf", ["-d", path])) ?? ""
        // Lines such as ` 0x…01 (NEEDED)  Shared library: [libcurl.so.4]`.
        neededLibraries = dynamic.split(separator: "\n").filter { $0.contains("(NEEDED)") }.compactMap { line in
            line.split(separator: "[").last?.split(separator: "]").first.map(String.init)
        }
    }
}
