import ArgumentParser
import Foundation
import Simulator

/// `cmc-vcard insert`: holds a persona's card in a vpcd reader until killed or stdin closes.
struct InsertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insert",
        abstract: "Put a persona's card into a vpcd virtual reader.",
        discussion: """
            The card stays in the reader until this process ends or its standard input closes; \
            then it is removed. vpcd's first reader listens on port 35963, its second on 35964.

            For fault tests the persona may carry a "faults" object. Commands are named \
            select, read, tries (VERIFY without a passcode), verify (VERIFY with one) and sign; \
            on a PIV card read is GET DATA and sign the last command of GENERAL AUTHENTICATE.
              "delay_ms": {"sign": 3000}        wait 3 s before answering; said on
                                                standard error, so that killing this
                                                process then pulls the card mid-command
              "status_words": {"read": "6F00"}  answer only this status word
              "certificate_length": 600         the certificate file holds only its
                                                first 600 bytes
              "signature_length": 255           signatures cut or zero-padded to 255 bytes

            --piv holds a PIV card (NIST SP 800-73-4) made from the same persona, as \
            OpenSC's PIV driver uses it: the certificate for PIV Authentication, the key \
            as key 9A (RSA 2048), the passcode as the PIN, and a CHUID whose GUID ends \
            with the UID. For OpenSC's pkcs11-tool and opensc-tool.
            """)

    @Argument(help: "The persona JSON file.")
    var persona: String

    @Flag(help: "Hold a PIV card (for OpenSC) instead of the NHS card profile's card.")
    var piv = false

    @Option(help: "The vpcd reader's TCP port.")
    var port: UInt16 = 35963

    @Option(help: "The host where pcscd's vpcd driver listens.")
    var host: String = "127.0.0.1"

    func run() throws {
        // Being killed is how a card is pulled out: undo a parent's choice to ignore the signals.
        signal(SIGTERM, SIG_DFL)
        signal(SIGINT, SIG_DFL)
        let loaded: Persona
        do {
            loaded = try Persona.load(contentsOf: URL(filePath: persona))
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            throw ValidationError("\(persona): no such file")
        }
        if piv {
            try insert(PIVCard(persona: loaded), of: loaded, named: "PIV card")
        } else {
            try insert(VirtualCard(persona: loaded), of: loaded, named: "card")
        }
    }

    /// Connects to the reader only once the card is made, so that a bad persona never goes in.
    private func insert(_ card: some VPCDCard, of persona: Persona, named kind: String) throws {
        let link = try VPCDLink.connect(host: host, port: port)
        FileHandle.standardError.write(Data("cmc-vcard: \(kind) \(persona.uid) inserted into vpcd at \(host):\(port)\n".utf8))
        try link.serve(card: card, faults: persona.faults)
        FileHandle.standardError.write(Data("cmc-vcard: \(kind) \(persona.uid) removed\n".utf8))
    }
}
