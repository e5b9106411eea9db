import FoundationEssentials
import SmartCard

/// pcscd, the readers the kiosk would use, and the card in each: whether pcscd answers, which
/// readers match `[reader] name`, each card's ATR (hex, as `[card] atr_allowlist` takes it) and
/// its certificate's expiry, read through the card backend (`cards`; nil when it could not start).
enum SmartCardCheck {
    static func run(
        readerFilter: String, atrAllowlist: [[UInt8]]?, cards: WardCards?, now: Date, into report: inout DoctorReport
    ) {
        let readers: [ReaderSnapshot]
        do {
            readers = try ReaderSurvey.take()
        } catch .serviceUnavailable {
            report.add(.failed, "pcscd", "the smartcard service (pcscd) does not answer: start it "
                + "(systemctl start pcscd.socket) and check that this user may use it")
            report.add(.skipped, "card", "not checked: no smartcard service")
            return
        } catch {
            report.add(.failed, "pcscd", "the smartcard service answered with an error: \(error)")
            report.add(.skipped, "card", "not checked: no smartcard service")
            return
        }
        report.add(.ok, "pcscd", "the smartcard service answers")

        let matching = readers.filter { readerFilter.isEmpty || $0.name.contains(readerFilter) }
        if readers.isEmpty {
            report.add(.failed, "reader", "no smartcard reader is connected: plug one in "
                + "(pcsc_scan lists what pcscd sees)")
        } else if matching.isEmpty {
            let names = readers.map { "\"\($0.name)\"" }.joined(separator: ", ")
            report.add(.failed, "reader", "no reader's name contains \"\(readerFilter)\" ([reader] name); "
                + "pcscd has \(names): correct [reader] name or connect the right reader")
        }
        for reader in matching {
            report.add(finding(for: reader, allowlist: atrAllowlist))
        }

        let cardsIn = matching.filter { $0.atr != nil }
        if cardsIn.isEmpty {
            if !matching.isEmpty {
                report.add(.skipped, "card", "not checked: no card in the reader (insert one and run the doctor "
                    + "again to check its certificate)")
            } else {
                report.add(.skipped, "card", "not checked: no reader to use")
            }
        }
        for card in cardsIn {
            guard let cards else {
                report.add(.skipped, "card", "\"\(card.name)\": not checked: the card backend did not start")
                continue
            }
            report.add(CardCertificateCheck.finding(reader: card.name, cards: cards, now: now))
        }
    }

    /// One reader: empty, or its card's ATR, and whether `[card] atr_allowlist` lets that card in.
    static func finding(for reader: ReaderSnapshot, allowlist: [[UInt8]]?) -> DoctorFinding {
        guard let atr = reader.atr else { return DoctorFinding(.ok, "reader", "\"\(reader.name)\": no card") }
        let text = "\"\(reader.name)\": card present, ATR \(spacedHex(atr))"
        if let allowlist, !allowlist.contains(atr) {
            return DoctorFinding(.warning, "reader", text + ": not in [card] atr_allowlist, so the kiosk will "
                + "refuse this card; add the ATR if this kind of card is meant to be used")
        }
        return DoctorFinding(.ok, "reader", text)
    }

    /// `3B F9 18 00`: bytes in upper-case hex, a space between them.
    static func spacedHex(_ bytes: [UInt8]) -> String {
        bytes.map { hexString([$0]) }.joined(separator: " ")
    }
}
