import Foundation
import FuzzSupport
import SmartCard

@main
enum FuzzCardCertificate {
    static func main() { runLibFuzzer(fuzzCardCertificate) }
}

/// Any bytes as the certificate file of a card: parsing gives a certificate whose UID is 1 to 32
/// digits, or a `CardProfileError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCardCertificate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let certificate = try? CardCertificate(der: Array(UnsafeBufferPointer(start: data, count: size))) else {
        return 0
    }
    precondition((1...32).contains(certificate.uid.count) && certificate.uid.allSatisfy(\.isASCIIDigit))
    for now in [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_796_000_000), .distantFuture] {
        _ = certificate.expiry(at: now)
    }
    return 0
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
