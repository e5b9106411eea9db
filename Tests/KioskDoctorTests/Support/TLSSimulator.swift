import Foundation
import KioskProcessTestSupport
import PCSCTestSupport

/// A `cmc-sim` process serving GAS and the portal over TLS with the test certificate.
final class TLSSimulator: @unchecked Sendable {
    /// The address it serves, without a trailing slash.
    let url: String
    private let process = Process()

    init() throws {
        let pki = ServerPKI.shared
        let output = Pipe()
        process.executableURL = URL(filePath: PrivatePCSCD.builtProgram("cmc-sim"))
        process.arguments = ["--port", "0", "--tls-cert", pki.server.certificatePath, "--tls-key", pki.server.keyPath, "--log-level", "error"]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line is the URL; reading stops at the first newline.
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 0x0A {
            line.append(first)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("https://") else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw DoctorTestError("cmc-sim did not start: \"\(text)\"")
        }
        url = text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    /// Kills it (SIGKILL: a child of the test runner may ignore SIGTERM) and waits for the end.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// A test's own failure, with the reason.
struct DoctorTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
