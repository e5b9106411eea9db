import Foundation
import LifecycleDriver

/// Each kiosk's memory at the end of the run and its resident set by mapping, a column per
/// kiosk; and each build's binary.
struct MemoryReport {
    let kiosks: [KioskFigures]
    /// How many mappings the breakdown shows; the rest are summed in one row.
    var mappingRows = 15

    func render() -> String {
        [summary(), byMapping(), binaries()].map { $0.render() }.joined(separator: "\n\n")
    }

    private var columns: [String] { kiosks.map(\.kiosk.label) }

    private func summary() -> Table {
        var table = Table(title: "memory (MB)", columns: columns)
        let rows: [(String, (Memory) -> Int?)] = [
            ("peak RSS (VmHWM)", \.peakKB), ("RSS on the first lock screen", \.startKB), ("RSS at the end", \.endKB),
            ("at the end: private dirty", \.privateKB), ("at the end: shared clean", \.sharedKB),
            ("at the end: PSS", \.proportionalKB),
        ]
        for (label, figure) in rows { table.add(label, kiosks.map { $0.memory.flatMap(figure).map(megabytes) }) }
        return table
    }

    /// The largest mappings (by the larger of the kiosks' figures), then the rest and the total.
    private func byMapping() -> Table {
        var table = Table(title: "resident set at the end, by mapping (MB)", columns: columns)
        let totals = kiosks.map { $0.memory?.byMapping ?? [:] }
        let names = Set(totals.flatMap(\.keys)).sorted { first, second in
            let (a, b) = (totals.map { $0[first] ?? 0 }.max() ?? 0, totals.map { $0[second] ?? 0 }.max() ?? 0)
            return a != b ? a > b : first < second
        }
        let shown = names.prefix(mappingRows)
        for name in shown { table.add(name, totals.map { $0[name].map(megabytes) }) }
        let rest = names.dropFirst(mappingRows)
        table.add("\(rest.count) other mappings", totals.map { total in megabytes(rest.reduce(0) { $0 + (total[$1] ?? 0) }) })
        table.add("total", totals.map { megabytes($0.values.reduce(0, +)) })
        return table
    }

    /// Each build's binary, a column per build whatever its backends: its size on disk, and which
    /// shared libraries it names.
    private func binaries() -> Table {
        var builds: [KioskFigures] = []
        for figures in kiosks where !builds.contains(where: { $0.kiosk.build == figures.kiosk.build }) {
            builds.append(figures)
        }
        var table = Table(title: "binary", columns: builds.map(\.kiosk.build.label))
        table.add("file size (MB)", text: builds.map { $0.binary.bytes.map { String(format: "%.2f", Double($0) / 1_048_576) } ?? "–" })
        var libraries: [String] = []
        for library in builds.reversed().flatMap(\.binary.neededLibraries) where !libraries.contains(library) {
            libraries.append(library)
        }
        for library in libraries {
            table.add("DT_NEEDED \(library)", text: builds.map { $0.binary.neededLibraries.contains(library) ? "yes" : "–" })
        }
        return table
    }

    private func megabytes(_ kilobytes: Int) -> Double { Double(kilobytes) / 1024 }
}
