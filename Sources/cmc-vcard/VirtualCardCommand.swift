import ArgumentParser

/// `cmc-vcard`: a virtual NHS smartcard for the vpcd virtual reader, and the tools to make one.
@main
struct VirtualCardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cmc-vcard",
        abstract: "A virtual NHS smartcard for the vsmartcard vpcd reader, for demos and tests.",
        discussion: "Every key this tool makes or ships is for tests only.",
        subcommands: [InsertCommand.self, MakeCACommand.self, MakePersonaCommand.self])
}
