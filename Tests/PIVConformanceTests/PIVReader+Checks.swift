import Foundation
import KioskProcessTestSupport

extension PIVReader {
    func write(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(filePath: workspace.file(name)))
    }

    func read(_ name: String) throws -> Data {
        try Data(contentsOf: URL(filePath: workspace.file(name)))
    }

    /// The certificate of the demo persona the cards are made from, in DER.
    func personaCertificateDER(demo name: String = "several-roles") throws -> Data {
        let persona = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(filePath: Package.persona(name))))
        let pem = (persona as? [String: Any])?["cert_pem"] as? String ?? ""
        let base64 = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        return Data(base64Encoded: base64) ?? Data()
    }

    /// Whether `openssl dgst -sha256 -verify` accepts `signature` over `message` with the public
    /// key of the certificate read from the card.
    func opensslVerifies(_ message: String, signature: String) throws -> Bool {
        let read = try pkcs11Tool(["--read-object", "--type", "cert", "--id", "01", "--output-file", workspace.file("card-cert.der")])
        guard read.status == 0 else { return false }
        let key = try Spawned.run("/usr/bin/openssl", [
            "x509", "-inform", "DER", "-in", workspace.file("card-cert.der"), "-pubkey", "-noout", "-out", workspace.file("card-key.pem"),
        ], logPrefix: workspace.file("openssl-x509"))
        guard key.status == 0 else { return false }
        let verify = try Spawned.run("/usr/bin/openssl", [
            "dgst", "-sha256", "-verify", workspace.file("card-key.pem"), "-signature", workspace.file(signature), workspace.file(message),
        ], logPrefix: workspace.file("openssl-dgst"))
        return verify.status == 0 && verify.stdout == "Verified OK\n"
    }

    /// The token flags `pkcs11-tool -L` shows for the first slot.
    func tokenFlags() throws -> String {
        let list = try pkcs11Tool(["-L"])
        let line = list.stdout.split(separator: "\n").first { $0.hasPrefix("  token flags        : ") }
        return line.map { String($0.dropFirst("  token flags        : ".count)) } ?? list.description
    }

    /// Raw APDUs in one `opensc-tool` run, with OpenSC's default driver (the PIV driver would
    /// select its application between them, which ends a chain), and the card's answers.
    func send(_ apdus: [String]) throws -> OpenSCToolAnswers {
        let run = try run("opensc-tool", ["-c", "default"] + apdus.flatMap { ["-s", $0] })
        return OpenSCToolAnswers(run.stdout)
    }

    /// The PIN's state as VERIFY without data reports it: `9000` verified, `63Cx` not.
    func pinState() throws -> String? {
        try send(["00 20 00 80"]).statuses.first
    }
}
