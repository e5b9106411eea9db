import ArgumentParser
import Foundation
import Simulator

/// `cmc-vcard make-persona`: a new key, a certificate from the demo CA, and the persona file.
struct MakePersonaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-persona",
        abstract: "Create a persona: an RSA 2048 key, its certificate from the demo CA, the JSON file.")

    @Option(help: "The 12-digit NHS user id (the certificate's subject CN).")
    var uid: String

    @Option(help: "The card's passcode (4 to 8 characters).")
    var pin: String = "123456"

    @Option(help: "Passcode tries left (0 makes a blocked card).")
    var tries: Int = 3

    @Option(help: "Days the certificate is valid for from now (negative: expired that long ago).")
    var days: Int = 3_650

    @Option(help: "Issue the certificate afresh each time the persona is loaded, valid this many days.")
    var renewDays: Int?

    @Option(help: ArgumentHelp(
        "demo (critical extensions, UTF8String names, a 20-byte serial) or nhs-card (shaped like a real NHS card's: no critical extension, PrintableString names, a 4-byte serial).",
        valueName: "shape"))
    var shape: CardCertificateShape = .demo

    @Option(help: "A short label for the demo picker.")
    var label: String?

    @Option(help: "What the persona shows, for the demo picker.")
    var description: String?

    @Option(help: "The demo CA certificate (PEM).")
    var caCertificate: String = "ca.pem"

    @Option(help: "The demo CA private key (PEM).")
    var caKey: String = "ca-key.pem"

    @Option(help: "Where to write the persona JSON.")
    var out: String

    func validate() throws {
        guard !uid.isEmpty, uid.allSatisfy(\.isASCII), uid.allSatisfy(\.isNumber) else {
            throw ValidationError("--uid must be digits, such as 555100000001")
        }
        guard (4...8).contains(pin.utf8.count) else { throw ValidationError("--pin must be 4 to 8 characters") }
        guard (0...3).contains(tries) else { throw ValidationError("--tries must be 0 to 3") }
        guard renewDays == nil || shape == .demo else {
            throw ValidationError("--renew-days issues the certificate afresh in the demo shape; it cannot keep --shape \(shape.rawValue)")
        }
    }

    func run() throws {
        let authority = try DemoCertificateAuthority(
            certificatePEM: String(contentsOfFile: caCertificate, encoding: .utf8),
            keyPEM: String(contentsOfFile: caKey, encoding: .utf8))
        let now = Date()
        let end = now.addingTimeInterval(TimeInterval(days) * 86_400)
        let start = min(now, end).addingTimeInterval(-365 * 86_400)
        var persona = try authority.makePersona(
            uid: uid, pin: pin, triesLeft: tries, notValidBefore: start, notValidAfter: end, shape: shape)
        persona.label = label
        persona.description = description
        persona.renewCertificateDays = renewDays
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(persona).write(to: URL(filePath: out))
        print("wrote \(out) for \(uid)")
    }
}

extension CardCertificateShape: ExpressibleByArgument {}
