import Foundation
import KioskProcessTestSupport
import NetworkTestBed

/// cmc-sim in a bed's spine namespace, and `curl` from the ward toward it, timed by curl.
struct BedProbe {
    let bed: TestBed
    let simulator: SimulatorProcess
    let workspace: Workspace

    init(_ bed: TestBed, name: String) throws {
        self.bed = bed
        workspace = try Workspace("netbed-\(name)")
        simulator = try SimulatorProcess(in: workspace, options: ["--host", BedAddress.spine], launcher: bed.launcher(for: .spine))
    }

    /// The simulator's status URL.
    var statusURL: String { simulator.url + "/_sim/status" }

    /// `curl` on the ward against `url` with `options`: curl's exit status, and its `-w` figures
    /// (HTTP and CONNECT codes, TCP connect, TLS and total times in seconds).
    func fetch(_ url: String, options: [String] = [], maxTime: Int = 10) throws -> Fetch {
        let format = "%{http_code} %{http_connect} %{time_connect} %{time_appconnect} %{time_total}"
        let result = try bed.run(["/usr/bin/curl", "-sS", "-o", "/dev/null", "--max-time", String(maxTime),
                                  "--cacert", ServerPKI.shared.caPath, "-w", format] + options + [url], on: .ward)
        let fields = result.stdout.split(separator: " ")
        guard fields.count == 5 else { throw BedError("curl printed \(result.stdout) \(result.stderr)") }
        return Fetch(status: result.status, code: Int(fields[0]) ?? 0, connectCode: Int(fields[1]) ?? 0,
                     connect: Double(fields[2]) ?? 0, tls: Double(fields[3]) ?? 0, total: Double(fields[4]) ?? 0,
                     stderr: result.stderr)
    }

    func stop() { simulator.stop() }
}

struct Fetch {
    let status: Int32
    let code: Int
    let connectCode: Int
    /// Seconds to the TCP connection: one round trip.
    let connect: Double
    let tls: Double
    let total: Double
    let stderr: String

    /// The last request's round trip in milliseconds: the whole fetch less the connection and TLS.
    var requestMilliseconds: Double { (total - tls) * 1_000 }
}
