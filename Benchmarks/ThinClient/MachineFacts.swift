import Foundation

/// What the figures were measured on: cores, load, build configuration, date.
struct MachineFacts: CustomStringConvertible {
    var description: String {
        let load = ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?")
            .split(separator: " ").prefix(3).joined(separator: " ")
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        let date = Date().formatted(.iso8601)
        return "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, load \(load), \(build) build (this bench and the programs beside it), \(date)"
    }
}
