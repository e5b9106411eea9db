import Foundation

/// A TLS CA and a server certificate for 127.0.0.1, localhost and 198.18.1.2 (a test bed's
/// spine), made with openssl once per run.
public struct ServerPKI: Sendable {
    public let caPath: String
    public let caKeyPath: String
    /// The server certificate the CA issued, valid for two days.
    public let server: ServerCertificate

    public static let shared: ServerPKI = {
        do { return try ServerPKI() } catch { fatalError("cannot make the TLS test PKI: \(error)") }
    }()

    private init() throws {
        let folder = try Workspace("pki")
        caPath = folder.file("tls-ca.pem")
        caKeyPath = folder.file("tls-ca.key")
        let certificatePath = folder.file("server.pem"), keyPath = folder.file("server.key")
        let csr = folder.file("server.csr")
        let extensions = try folder.write("server.ext", "subjectAltName=IP:127.0.0.1,DNS:localhost,IP:198.18.1.2,IP:198.18.200.2\n")
        try Self.openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKeyPath, "-out", caPath,
                          "-subj", "/CN=cmc-kiosk lifecycle test TLS CA", "-days", "2"], in: folder)
        try Self.openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", keyPath, "-out", csr,
                          "-subj", "/CN=127.0.0.1"], in: folder)
        try Self.openssl(["x509", "-req", "-in", csr, "-CA", caPath, "-CAkey", caKeyPath, "-set_serial", "4242",
                          "-out", certificatePath, "-days", "2", "-extfile", extensions], in: folder)
        server = ServerCertificate(certificatePath: certificatePath, keyPath: keyPath, controlTrust: ["--cacert", caPath])
    }

    /// Runs `openssl` with `arguments` in `folder`; throws with its error output if it fails.
    public static func openssl(_ arguments: [String], in folder: Workspace) throws {
        let result = try Spawned.run("/usr/bin/openssl", arguments, logPrefix: folder.file("openssl-\(UUID())"))
        guard result.status == 0 else { throw LifecycleError.failed("openssl \(arguments[0]): \(result.stderr)") }
    }
}

/// A certificate and key for `cmc-sim --tls-cert --tls-key`, and how the test's own `curl`
/// calls to the simulator's control endpoints trust it.
public struct ServerCertificate: Sendable {
    public let certificatePath: String
    public let keyPath: String
    /// `curl` options for the control calls, e.g. `--cacert CA`.
    public let controlTrust: [String]

    public init(certificatePath: String, keyPath: String, controlTrust: [String]) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.controlTrust = controlTrust
    }

    /// The base64 SHA-256 of the certificate's public key (its SPKI), as Chromium's
    /// `--ignore-certificate-errors-spki-list` pins a server key, computed by openssl.
    public func publicKeyPin() throws -> String {
        let script = "openssl x509 -in '\(certificatePath)' -pubkey -noout | openssl pkey -pubin -outform der "
            + "| openssl dgst -sha256 -binary | openssl base64 -A"
        let pin = try Spawned.run("/bin/sh", ["-c", script], logPrefix: "/tmp/spki-pin-\(getpid())")
        guard pin.status == 0, !pin.stdout.isEmpty else { throw LifecycleError.failed("openssl: \(pin.stderr)") }
        return pin.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
