import Foundation
import FuzzSupport
import Secrets
import SmartCard

@main
enum FuzzAPDU {
    static func main() { runLibFuzzer(fuzzAPDU) }
}

/// Any bytes as a card's answers (see ``FuzzedTransport``), through the whole card profile:
/// select, read the certificate, passcode status, verify, sign; every step gives a value or a
/// `CardProfileError`. The same bytes as a raw command and a raw answer APDU, as the virtual card
/// and the channel split them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPDU(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let card = AuthenticationCard(transport: FuzzedTransport(script: input))
    _ = try? card.selectApplication()
    if let certificate = try? card.readCertificate() {
        _ = certificate.expiry(at: Date(timeIntervalSince1970: 1_796_000_000))
    }
    _ = try? card.passcodeStatus()
    let passcode = SecretBuffer(capacity: 16)
    "123456".utf8.forEach(passcode.append)
    _ = try? card.verify(passcode: passcode)
    _ = try? card.sign(digestInfo: sha256DigestInfo)

    if let command = CommandAPDU(bytes: input) {
        precondition(CommandAPDU(bytes: command.bytes) == command, "a command APDU does not survive encoding")
    }
    if let response = ResponseAPDU(bytes: input) {
        precondition(response.bytes == input)
        _ = (response.status.moreDataAvailable, response.status.correctLength, response.status.triesRemaining)
    }
    return 0
}

/// A SHA-256 `DigestInfo` (of nothing in particular): what the kiosk asks the card to sign.
private let sha256DigestInfo: [UInt8] =
    [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]
    + [UInt8](repeating: 0xAB, count: 32)
