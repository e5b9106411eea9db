import KioskProcessTestSupport

/// A PIV signature asked for by a second PC/SC client, `opensc-tool` in the pcscd's namespace:
/// GENERAL AUTHENTICATE with key 9A, chained as OpenSC chains it, with no PIN and no SELECT
/// (which would itself clear the verification), leaving the card as it is afterwards.
enum RawPIV {
    static func commands(digestInfo: [UInt8]) -> [String] {
        let block = [0x00, 0x01] + [UInt8](repeating: 0xFF, count: 256 - digestInfo.count - 3) + [0x00] + digestInfo
        let template: [UInt8] = [0x7C, 0x82, 0x01, 0x06, 0x82, 0x00, 0x81, 0x82, 0x01, 0x00] + block
        return [
            [0x10, 0x87, 0x07, 0x9A, 0xFF] + template.prefix(255),
            [0x00, 0x87, 0x07, 0x9A, UInt8(template.count - 255)] + template.dropFirst(255) + [0x00],
        ].map { $0.map { String($0, radix: 16, uppercase: true).leftPadded }.joined(separator: " ") }
    }

    /// The status word of the last answer, as `opensc-tool` prints it (`Received (SW1=0x69, SW2=0x82)`).
    static func generalAuthenticate(in reader: TokenReader, digestInfo: [UInt8]) throws -> String? {
        statusWord(in: try reader.run(command(digestInfo: digestInfo)))
    }

    /// The `opensc-tool` command line that sends the chained GENERAL AUTHENTICATE.
    static func command(digestInfo: [UInt8]) -> [String] {
        ["opensc-tool", "-c", "default"] + commands(digestInfo: digestInfo).flatMap { ["-s", $0] }
    }

    /// The last status word in what `opensc-tool` printed, e.g. `6982`.
    static func statusWord(in output: String) -> String? {
        output.split(separator: "\n").last { $0.hasPrefix("Received (SW1=0x") }.map { line in
            let text = Array(line)
            return String(text[16...17] + text[26...27])
        }
    }
}

private extension String {
    var leftPadded: String { count == 1 ? "0" + self : self }
}
