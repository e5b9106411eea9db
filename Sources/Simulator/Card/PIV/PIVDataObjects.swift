import Foundation
import X509

/// The data objects a PIV card made from a persona holds, as GET DATA returns them: each a
/// `53` template (NIST SP 800-73-4 Part 1, Appendix A), keyed by its tag.
enum PIVDataObjects {
    /// The Card Holder Unique Identifier.
    static let chuidTag: [UInt8] = [0x5F, 0xC1, 0x02]
    /// The X.509 certificate for PIV Authentication (key `9A`).
    static let authenticationCertificateTag: [UInt8] = [0x5F, 0xC1, 0x05]

    /// The CHUID and the PIV Authentication certificate.
    static func objects(uid: String, certificate: Certificate, certificateDER: [UInt8]) throws(VirtualCardError) -> [[UInt8]: [UInt8]] {
        [
            chuidTag: chuid(guid: try guid(uid: uid), expiry: certificate.notValidAfter),
            authenticationCertificateTag: BERTLV([0x53], containing: [
                BERTLV([0x70], certificateDER),
                BERTLV([0x71], [0x00]),  // CertInfo: not compressed
                BERTLV([0xFE], []),  // error detection code, empty
            ]).bytes,
        ]
    }

    /// The CHUID without a FASC-N: a GUID, the expiry date (`YYYYMMDD`), an empty issuer
    /// signature and an empty error detection code. OpenSC takes the GUID for the token's serial.
    static func chuid(guid: [UInt8], expiry: Date) -> [UInt8] {
        BERTLV([0x53], containing: [
            BERTLV([0x34], guid),
            BERTLV([0x35], Array(yearMonthDay(expiry).utf8)),
            BERTLV([0x3E], []),
            BERTLV([0xFE], []),
        ]).bytes
    }

    /// The card's GUID: the UID's digits in BCD, right-aligned in 16 bytes, so that the token
    /// serial OpenSC shows (the last 16 hex digits) ends with the UID.
    static func guid(uid: String) throws(VirtualCardError) -> [UInt8] {
        let digits = uid.utf8.map { $0 &- UInt8(ascii: "0") }
        guard (1...32).contains(digits.count), digits.allSatisfy({ $0 <= 9 }) else {
            throw .invalidPersona("uid must be 1 to 32 digits to make a PIV card's GUID")
        }
        let padded = [UInt8](repeating: 0, count: 32 - digits.count) + digits
        return stride(from: 0, to: 32, by: 2).map { padded[$0] << 4 | padded[$0 + 1] }
    }

    private static func yearMonthDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d%02d%02d", parts.year!, parts.month!, parts.day!)
    }
}
