import Foundation
import X509

/// Keys and certificates made with openssl for the tests: a card CA, a foreign CA, card
/// certificates for chosen UIDs, and a TLS server certificate for 127.0.0.1.
struct TestPKI: Sendable {
    struct Credential: Sendable {
        var certificatePath: String
        var keyPath: String
    }

    let ca: Credential
    let foreignCA: Credential
    let server: Credential

    /// Made once per test process.
    static let shared: TestPKI = {
        do {
            return try TestPKI()
        } catch {
            fatalError("cannot make the test PKI: \(error)")
        }
    }()

    private init() throws {
        ca = try Self.makeCA(name: "CMC Simulator Test CA")
        foreignCA = try Self.makeCA(name: "Someone Else's CA")
        server = try Self.issue(subject: "/CN=127.0.0.1", by: ca, extensions: "subjectAltName=IP:127.0.0.1,DNS:localhost")
    }

    var caCertificate: Certificate {
        get throws { try Certificate(pemEncoded: String(contentsOfFile: ca.certificatePath, encoding: .utf8)) }
    }

    /// A card credential with subject `O=nhs, OU=people, CN=uid`.
    func card(uid: String, issuer: Credential? = nil) async throws -> Credential {
        let (key, csr, cert) = try Self.files()
        try await Subprocess.openssl(Self.requestArguments(key: key, csr: csr, subject: "/O=nhs/OU=people/CN=\(uid)"))
        try await Subprocess.openssl(Self.signArguments(csr: csr, cert: cert, issuer: issuer ?? ca, extensionFile: nil))
        return Credential(certificatePath: cert.path, keyPath: key.path)
    }

    /// The GAS `response` parameter: base64(MIME(base64(CMS SignedData over content))), made by `openssl cms`.
    func response(signing content: [UInt8], with card: Credential, digest: String = "sha256") async throws -> String {
        let der = try await signedData(content, with: card, digest: digest)
        return Self.wrap(der: der)
    }

    /// The CMS SignedData DER, made by `openssl cms -sign -binary -nodetach -noattr`.
    func signedData(_ content: [UInt8], with card: Credential, digest: String = "sha256") async throws -> [UInt8] {
        let input = try TemporaryFiles.makeFile(contents: Data(content))
        let output = try TemporaryFiles.makeFile()
        try await Subprocess.openssl([
            "cms", "-sign", "-binary", "-nodetach", "-noattr", "-outform", "DER", "-md", digest,
            "-signer", card.certificatePath, "-inkey", card.keyPath, "-in", input.path, "-out", output.path,
        ])
        return Array(try Data(contentsOf: output))
    }

    /// base64( MIME text around base64 of the DER ), in the spec's form unless told otherwise:
    /// CRLF line ends, headers not indented, an empty separator line, lines of 64 characters, a
    /// line end at the end.
    static func wrap(
        der: [UInt8], indent: String = "", separator: String = "", lineEnd: String = "\r\n", lineLength: Int = 64,
        finalLineEnd: Bool = true
    ) -> String {
        let base64 = Data(der).base64EncodedString()
        let body = stride(from: 0, to: base64.count, by: lineLength).map { String(base64.dropFirst($0).prefix(lineLength)) }
        let headers = [
            "MIME-Version: 1.0",
            "Content-Disposition: attachment; filename=\"smime.p7m\"",
            "Content-Type: application/x-pkcs7-mime; name=\"smime.p7m\"",
            "Content-Transfer-Encoding: base64",
        ].map { indent + $0 }
        let mime = (headers + [separator] + body).joined(separator: lineEnd) + (finalLineEnd ? lineEnd : "")
        return Data(mime.utf8).base64EncodedString()
    }

    private static func makeCA(name: String) throws -> Credential {
        let key = try TemporaryFiles.makeFile(suffix: ".key")
        let cert = try TemporaryFiles.makeFile(suffix: ".pem")
        try Subprocess.opensslBlocking([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", cert.path,
            "-subj", "/O=nhs/OU=CMC Simulator/CN=\(name)", "-days", "30",
        ])
        return Credential(certificatePath: cert.path, keyPath: key.path)
    }

    private static func issue(subject: String, by issuer: Credential, extensions: String) throws -> Credential {
        let (key, csr, cert) = try files()
        let extensionFile = try TemporaryFiles.makeFile(contents: Data(extensions.utf8), suffix: ".ext")
        try Subprocess.opensslBlocking(requestArguments(key: key, csr: csr, subject: subject))
        try Subprocess.opensslBlocking(signArguments(csr: csr, cert: cert, issuer: issuer, extensionFile: extensionFile))
        return Credential(certificatePath: cert.path, keyPath: key.path)
    }

    private static func files() throws -> (key: URL, csr: URL, cert: URL) {
        (try TemporaryFiles.makeFile(suffix: ".key"), try TemporaryFiles.makeFile(suffix: ".csr"),
         try TemporaryFiles.makeFile(suffix: ".pem"))
    }

    private static func requestArguments(key: URL, csr: URL, subject: String) -> [String] {
        ["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", csr.path, "-subj", subject]
    }

    private static func signArguments(csr: URL, cert: URL, issuer: Credential, extensionFile: URL?) -> [String] {
        [
            "x509", "-req", "-in", csr.path, "-CA", issuer.certificatePath, "-CAkey", issuer.keyPath,
            "-set_serial", String(UInt32.random(in: 1...UInt32.max)), "-out", cert.path, "-days", "30",
        ] + (extensionFile.map { ["-extfile", $0.path] } ?? [])
    }
}
