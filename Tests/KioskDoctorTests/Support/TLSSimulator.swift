import Foundation
import PCSCTestSupport

/// A TLS CA and a server certificate for 127.0.0.1 and localhost, made with openssl once per run.
struct ServerPKI: Sendable {
    let caPath: String
    let certificatePath: String
    let keyPath: String

    static let shared: ServerPKI = {
        do { return try ServerPKI() } catch { fatalError("cannot make the TLS test PKI: \(error)") }
    }()

    private init() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "doctor-pki-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        caPath = "\(folder)/tls-ca.pem"
        certificatePath = "\(folder)/server.pem"
        keyPath = "\(folder)/server.key"
        let caKey = "\(folder)/tls-ca.key", request = "\(folder)/server.csr", extensions = "\(folder)/server.ext"
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\n".write(toFile: extensions, atomically: true, encoding: .utf8)
        try Self.openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey, "-out", caPath,
                          "-subj", "/CN=cmc-kiosk doctor test TLS CA", "-days", "2"])
        try Self.openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", keyPath, "-out", request,
                          "-subj", "/CN=127.0.0.1"])
        try Self.openssl(["x509", "-req", "-in", request, "-CA", caPath, "-CAkey", caKey, "-set_serial", "4343",
                          "-out", certificatePath, "-days", "2", "-extfile", extensions])
    }

    private static func openssl(_ arguments: [String]) throws {
        let result = try ProgramRun(["/usr/bin/openssl"] + arguments)
        guard result.status == 0 else { throw DoctorTestError("openssl \(arguments[0]): \(result.stderr)") }
    }
}

/// A `cmc-sim` process serving GAS and the portal over TLS with the test certificate.
final class TLSSimulator: @unchecked Sendable {
    /// The address it serves, without a trailing slash.
    let url: String
    private let process = Process()

    init() throws {
        let pki = ServerPKI.shared
        let output = Pipe()
        process.executableURL = URL(filePath: PrivatePCSCD.builtProgram("cmc-sim"))
        process.arguments = ["--port", "0", "--tls-cert", pki.certificatePath, "--tls-key", pki.keyPath, "--log-level", "error"]
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
