import Glibc
import PKCS11Token
import PKCS1
import Secrets
import SmartCard

// Drives the pkcs11 backend for PKCS11TokenTests in a process of its own, run in a private
// pcscd's namespace (pcsc-lite fixes its socket once per process). Arguments: the module, the
// reader, then steps: `certificate`, `status`, `verify:PIN`, `sign-sha1:HEX` or
// `sign-sha256:HEX` (a message), `hold` (prints
// `holding`, then waits until standard input ends), `close`.
// One line per step: what the token answered, or `error <TokenError>`. The module is finalised
// at the end; a token not closed is left as it is.

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 2, let modulePath = arguments.first else {
    print("usage: pkcs11-token-probe MODULE READER STEP...")
    exit(2)
}
let reader = arguments[arguments.startIndex + 1]

func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}

func bytes(_ hex: Substring) -> [UInt8] {
    stride(from: 0, to: hex.count, by: 2).compactMap { offset in
        let start = hex.index(hex.startIndex, offsetBy: offset)
        return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)
    }
}

func step(_ step: String, on token: any AuthenticationToken) throws(TokenError) -> String {
    let (name, value) = step.firstIndex(of: ":").map { (step[..<$0], step[step.index(after: $0)...]) } ?? (step[...], "")
    switch name {
    case "certificate":
        let certificate = try token.readCertificate()
        return "certificate \(certificate.uid) \(hex(certificate.der))"
    case "status":
        return "status \(try token.passcodeStatus())"
    case "verify":
        let passcode = SecretBuffer(capacity: 16)
        value.utf8.forEach(passcode.append)
        return "verify \(try token.verify(passcode: passcode))"
    case "sign-sha1", "sign-sha256":
        let digest: SignatureDigest = name == "sign-sha1" ? .sha1 : .sha256
        return "sign \(hex(try token.sign(MessageToSign(bytes: bytes(value), digest: digest))))"
    case "hold":
        print("holding")
        fflush(nil)
        while getchar() != EOF {}
        return "held"
    case "close":
        token.close()
        return "closed"
    default:
        return "unknown step \(step)"
    }
}

let module: PKCS11Module
do {
    module = try PKCS11Module(path: modulePath)
} catch {
    print("error \(error)")
    exit(1)
}
do {
    let token = try PKCS11Backend(module: module).open(reader: reader)
    for name in arguments.dropFirst(2) {
        do {
            print(try step(name, on: token))
        } catch {
            print("error \(error)")
        }
    }
    module.finalize()
    exit(0)
} catch {
    print("error \(error)")
    module.finalize()
    exit(0)
}
