import Foundation

/// Faults injected into the simulator through `POST /_sim/faults`, and their traces in its log.
extension SimulatorProcess {
    /// Until cleared, every request to `path` (by `method`, or any) has its connection dropped
    /// with no answer.
    public func dropConnections(to targets: [(path: String, method: String?)]) throws {
        let rules = targets.map { target in
            let method = target.method.map { #","method":"\#($0)""# } ?? ""
            return #"{"path_prefix":"\#(target.path)"\#(method),"action":"drop_connection"}"#
        }
        try addFault(#"{"rules":[\#(rules.joined(separator: ","))]}"#)
    }

    /// How many requests to `path` (or below it) a fault has been injected into so far.
    public func injections(path: String) -> Int {
        log.split(separator: "\n").filter { $0.contains("injecting fault") && $0.contains("path=\(path)") }.count
    }

    /// Waits until at least `count` injections into `path` are in the log; whether they are.
    @discardableResult
    public func waitForInjections(path: String, count: Int, seconds: Double = 30) -> Bool {
        Poll.until(seconds: seconds) { injections(path: path) >= count }
    }
}
