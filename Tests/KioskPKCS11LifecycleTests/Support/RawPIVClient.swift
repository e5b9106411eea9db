import Foundation

/// A second PC/SC client of the card, `opensc-tool` in the private pcscd's namespace, sending
/// raw PIV commands with OpenSC's default driver: no SELECT (which would itself clear a
/// verification), so the card is asked as the kiosk left it.
enum RawPIVClient {
    /// VERIFY without data: `9000` if the PIN is verified, `63Cx` (x tries left) if not.
    static let pinStatus = "00 20 00 80"

    /// VERIFY of the demo personas' PIN, 123456, padded with FF to 8 bytes.
    static let verifyDemoPIN = "00 20 00 80 08 31 32 33 34 35 36 FF FF"

    /// GENERAL AUTHENTICATE with key 9A over a PKCS#1 v1.5 block of a SHA-256 DigestInfo (its
    /// digest a stand-in), chained as OpenSC chains it: what a signature takes, PIN aside.
    static var sign: [String] {
        let digestInfo: [UInt8] = [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]
            + [UInt8](repeating: 0x42, count: 32)
        let block = [0x00, 0x01] + [UInt8](repeating: 0xFF, count: 256 - digestInfo.count - 3) + [0x00] + digestInfo
        let template: [UInt8] = [0x7C, 0x82, 0x01, 0x06, 0x82, 0x00, 0x81, 0x82, 0x01, 0x00] + block
        return [
            [0x10, 0x87, 0x07, 0x9A, 0xFF] + template.prefix(255),
            [0x00, 0x87, 0x07, 0x9A, UInt8(template.count - 255)] + template.dropFirst(255) + [0x00],
        ].map { $0.map { String(format: "%02X", $0) }.joined(separator: " ") }
    }

    /// The status word of each answer to `apdus`, sent in one `opensc-tool` run, and the run.
    static func statuses(of apdus: [String], in world: PKCS11World) throws -> (statuses: [String], run: ToolRun) {
        let run = try world.run("opensc-tool", ["-c", "default"] + apdus.flatMap { ["-s", $0] })
        // `Received (SW1=0x63, SW2=0xC3)`
        let statuses = run.stdout.split(separator: "\n").filter { $0.hasPrefix("Received (SW1=0x") && $0.count >= 29 }.map { line in
            let text = Array(line)
            return String(text[16...17] + text[26...27])
        }
        return (statuses, run)
    }
}
