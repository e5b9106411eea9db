import FoundationEssentials
import Glibc
import SmartCard

/// The authentication certificate of the card in a reader, read through the kiosk's own card
/// profile code: whose it is and how long it stays valid (the NHS renewal window is 90 days).
///
/// Reading connects to the card and resets it when done, as the kiosk does after every attempt.
enum CardCertificateCheck {
    static func finding(reader: String, now: Date) -> DoctorFinding {
        let certificate: CardCertificate
        do {
            certificate = try read(reader: reader)
        } catch .card(.removed) {
            return DoctorFinding(.warning, "card", "\"\(reader)\": the card was taken out while it was read; "
                + "run the doctor again")
        } catch .unsupportedCard {
            return DoctorFinding(.warning, "card", "\"\(reader)\": not an NHS smartcard the kiosk can use "
                + "(it has no kiosk application)")
        } catch {
            return DoctorFinding(.failed, "card", "\"\(reader)\": the certificate could not be read: "
                + "\(describe(error)). Try the card again; if it fails in other readers too, the holder needs "
                + "a new card from their Registration Authority")
        }
        let holder = "\"\(reader)\": user \(certificate.uid)"
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

    /// Connects, selects the kiosk application and reads the certificate; the connection is
    /// closed (and the card reset) before returning.
    private static func read(reader: String) throws(CardProfileError) -> CardCertificate {
        let channel: CardChannel
        do {
            channel = try CardChannel(reader: reader)
        } catch {
            throw .card(error)
        }
        defer { channel.disconnect() }
        let card = AuthenticationCard(transport: channel)
        try card.selectApplication()
        return try card.readCertificate()
    }

    private static func describe(_ error: CardProfileError) -> String {
        switch error {
        case .card(let failure): failure.description
        case .notPersonalised: "the card has no certificate on it"
        case .unreadableCertificate(let reason): reason
        case .unexpectedStatus(let status, let step): "the card refused to \(step.rawValue) (status \(status))"
        default: "the card answered unexpectedly"
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
