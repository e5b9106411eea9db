import FoundationEssentials
import Glibc
import KioskShell
import SmartCard

/// The authentication certificate of the card in a reader, read through the kiosk's card backend
/// (its own profile, or the PKCS#11 module): whose it is and how long it stays valid (the NHS
/// renewal window is 90 days), and for `pkcs11` the token the module finds.
///
/// Reading opens the token and closes it when done (logged out, the card reset), as the kiosk
/// does after every attempt.
enum CardCertificateCheck {
    static func finding(reader: String, cards: WardCards, now: Date) -> DoctorFinding {
        let token = cards.tokenLabel(in: reader).map { "token \"\($0)\", " } ?? ""
        let certificate: CardCertificate
        do {
            certificate = try read(reader: reader, backend: cards.backend)
        } catch .removed {
            return DoctorFinding(.warning, "card", "\"\(reader)\": the card was taken out while it was read; "
                + "run the doctor again")
        } catch .unsupportedCard {
            return DoctorFinding(.warning, "card", "\"\(reader)\": not a smartcard the kiosk's card backend can use "
                + "([card] backend: the profile needs the kiosk's card application, pkcs11 a token its module knows)")
        } catch {
            return DoctorFinding(.failed, "card", "\"\(reader)\": \(token)the certificate could not be read: "
                + "\(describe(error)). Try the card again; if it fails in other readers too, the holder needs "
                + "a new card from their Registration Authority")
        }
        let holder = "\"\(reader)\": \(token)user \(certificate.uid)"
        let end = day(certificate.notValidAfter)
        switch certificate.expiry(at: now) {
        case .valid:
            let days = Int(certificate.notValidAfter.timeIntervalSince(now) / 86_400)
            return DoctorFinding(.ok, "card", "\(holder), certificate valid until \(end) (expires in \(days) days)")
        case .expiresSoon(let days):
            return DoctorFinding(.warning, "card", "\(holder), certificate expires in \(days) days (\(end)): "
                + "the holder should renew it with their Registration Authority")
        case .expired:
            return DoctorFinding(.failed, "card", "\(holder), certificate expired on \(end): this card cannot "
                + "sign in until the holder renews it with their Registration Authority")
        case .notYetValid:
            return DoctorFinding(.failed, "card", "\(holder), certificate not valid before "
                + "\(day(certificate.notValidBefore)): check this machine's clock, or the card is new")
        }
    }

    /// Opens the token and reads the certificate; the token is closed (and the card reset)
    /// before returning.
    private static func read(reader: String, backend: any TokenBackend) throws(TokenError) -> CardCertificate {
        let token = try backend.open(reader: reader)
        defer { token.close() }
        return try token.readCertificate()
    }

    private static func describe(_ error: TokenError) -> String {
        switch error {
        case .removed: "the card was taken out"
        case .unsupportedCard: "the card is not one the backend knows"
        case .notPersonalised: "the card has no certificate on it"
        case .unreadableCertificate(let reason), .unreachable(let reason), .signingRefused(let reason): reason
        case .unexpectedAnswer(let detail, _): detail
        case .passcodeNotVerified, .malformedSignature: "the card answered unexpectedly"
        }
    }

    /// A date as `2027-03-14`, in UTC.
    static func day(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        _ = gmtime_r(&seconds, &parts)
        func padded(_ value: Int32, to width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(parts.tm_year + 1900, to: 4))-\(padded(parts.tm_mon + 1, to: 2))-\(padded(parts.tm_mday, to: 2))"
    }
}
