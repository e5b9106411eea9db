import Foundation
import Glibc
import TerminalTestSupport

/// A run's own folder under /tmp: TLS keys, configuration, logs, the timing trace.
public struct Workbench: Sendable {
    public let path: String

    /// A fresh folder named `/tmp/NAME-XXXXXXXX`.
    public init(name: String) throws {
        path = "/tmp/\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { "\(path)/\(name)" }

    /// A programme built beside this one.
    public static func program(_ name: String) -> String { Tmux.builtProgram(name) }

    /// The package's folder (the driver is run from its build folder inside it).
    public static let packageRoot = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func persona(_ name: String) -> String { packageRoot.appending(path: "Personas/demo/\(name).json").path }

    /// Runs a program to its end; throws with its standard error if it fails.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(filePath: executable)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError.failed("\(executable) \(arguments.first ?? ""): \(String(decoding: problem, as: UTF8.self))")
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// A TLS CA and a certificate for 127.0.0.1 (and any more IP addresses asked for), made with openssl.
public struct ServerPKI: Sendable {
    public let caPath, certificatePath, keyPath: String

    public init(in bench: Workbench, addresses: [String] = []) throws {
        (caPath, certificatePath, keyPath) = (bench.file("tls-ca.pem"), bench.file("server.pem"), bench.file("server.key"))
        let (caKey, request) = (bench.file("tls-ca.key"), bench.file("server.csr"))
        let extensions = bench.file("server.ext")
        let names = (["IP:127.0.0.1", "DNS:localhost"] + addresses.map { "IP:\($0)" }).joined(separator: ",")
        try "subjectAltName=\(names)\n".write(toFile: extensions, atomically: true, encoding: .utf8)
        let openssl = "/usr/bin/openssl"
        try Workbench.run(openssl, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey, "-out", caPath,
                                    "-subj", "/CN=lifecycle driver TLS CA", "-days", "2"])
        try Workbench.run(openssl, ["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", keyPath, "-out", request,
                                    "-subj", "/CN=127.0.0.1"])
        try Workbench.run(openssl, ["x509", "-req", "-in", request, "-CA", caPath, "-CAkey", caKey, "-set_serial", "7",
                                    "-out", certificatePath, "-days", "2", "-extfile", extensions])
    }
}
