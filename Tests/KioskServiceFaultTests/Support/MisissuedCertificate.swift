import Foundation
import KioskProcessTestSupport
import Testing

/// A server certificate the kiosk must refuse, made with openssl once per run, and what the
/// kiosk says about it. The test's own control calls to a simulator serving it skip verification.
enum MisissuedCertificate: String, CaseIterable, CustomTestStringConvertible, Sendable {
    /// Self-signed: no authority the kiosk's `ca_file` holds.
    case untrusted
    /// From the trusted CA, but valid only for a day in 2020.
    case expired
    /// From the trusted CA, valid, but for another host name.
    case wrongHost

    var testDescription: String { rawValue }

    var certificate: ServerCertificate {
        get throws { try Self.made.get()[self]! }
    }

    /// The kiosk's words after "Tell your IT service desk: NHS Spine: ".
    var explanation: String {
        switch self {
        case .untrusted: "its certificate is not from a trusted authority"
        case .expired: "its certificate has expired or is not valid yet"
        case .wrongHost: "its certificate is for another host name"
        }
    }

    private static let made = Result { try make() }

    private static func make() throws -> [Self: ServerCertificate] {
        let folder = try Workspace("misissued-pki")
        let pki = ServerPKI.shared
        var made: [Self: ServerCertificate] = [:]
        for kind in allCases {
            let (certificate, key) = (folder.file("\(kind).pem"), folder.file("\(kind).key"))
            made[kind] = ServerCertificate(certificatePath: certificate, keyPath: key, controlTrust: ["--insecure"])
            let names = kind == .wrongHost ? "DNS:wrong-host.example" : "IP:127.0.0.1,DNS:localhost"
            if kind == .untrusted {
                try ServerPKI.openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
                                       "-subj", "/CN=127.0.0.1", "-days", "2", "-addext", "subjectAltName=\(names)"], in: folder)
                continue
            }
            let request = folder.file("\(kind).csr")
            let extensions = try folder.write("\(kind).ext", "subjectAltName=\(names)\n")
            try ServerPKI.openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", request,
                                   "-subj", "/CN=\(kind == .wrongHost ? "wrong-host.example" : "127.0.0.1")"], in: folder)
            // `openssl ca`, unlike `x509 -req`, takes any start and end date.
            let dates = kind == .expired
                ? ["-startdate", "20200101000000Z", "-enddate", "20200102000000Z"] : ["-days", "2"]
            try ServerPKI.openssl(["ca", "-batch", "-config", try caConfiguration(in: folder), "-cert", pki.caPath,
                                   "-keyfile", pki.caKeyPath, "-in", request, "-out", certificate, "-notext",
                                   "-extfile", extensions] + dates, in: folder)
        }
        return made
    }

    /// The least `openssl ca` needs: a database, a serial, a policy.
    private static func caConfiguration(in folder: Workspace) throws -> String {
        let path = folder.file("ca.cnf")
        guard !FileManager.default.fileExists(atPath: path) else { return path }
        _ = try folder.write("index.txt", "")
        _ = try folder.write("serial", "5000\n")
        return try folder.write("ca.cnf", """
            [ca]
            default_ca = test
            [test]
            database = \(folder.file("index.txt"))
            new_certs_dir = \(folder.path)
            serial = \(folder.file("serial"))
            default_md = sha256
            policy = anything
            [anything]
            commonName = supplied

            """)
    }
}
