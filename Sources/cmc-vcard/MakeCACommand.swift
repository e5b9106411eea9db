import ArgumentParser
import Foundation
import Simulator

/// `cmc-vcard make-ca`: a new demo CA, to sign persona certificates.
struct MakeCACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-ca",
        abstract: "Create a demo certificate authority (TEST ONLY) for persona certificates.")

    @Option(help: "Where to write the CA certificate (PEM).")
    var certificate: String = "ca.pem"

    @Option(help: "Where to write the CA private key (PEM).")
    var key: String = "ca-key.pem"

    @Option(help: "The CA's common name.")
    var name: String = "CMC Kiosk Demo CA (TEST ONLY)"

    @Option(help: "Days the CA is valid for.")
    var days: Int = 7_300

    func run() throws {
        let authority = try DemoCertificateAuthority(commonName: name, validFor: days)
        try authority.certificatePEM().write(toFile: certificate, atomically: true, encoding: .utf8)
        try authority.keyPEM.write(toFile: key, atomically: true, encoding: .utf8)
        print("wrote \(certificate) and \(key)")
    }
}
