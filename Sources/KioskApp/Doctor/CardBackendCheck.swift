import KioskConfiguration

/// `[card] backend`: which backend reads cards, and for `pkcs11` whether the module loads and
/// initialises as at start-up, and which OpenSC settings it runs with.
enum CardBackendCheck {
    /// The backend set up as the kiosk sets it up, for the card checks; nil if it cannot be.
    static func run(_ backend: CardBackend, into report: inout DoctorReport) -> WardCards? {
        let cards: WardCards
        do {
            cards = try WardCards(backend)
        } catch {
            report.add(.failed, "backend", "\(error); install it (opensc-pkcs11 for OpenSC) or correct [card] pkcs11_module")
            return nil
        }
        switch backend {
        case .profile:
            report.add(.ok, "backend", "profile: the kiosk's own card profile, through pcscd")
        case .pkcs11(let path):
            report.add(.ok, "backend", "pkcs11: the PKCS#11 module \(path) loads and initialises")
        }
        if let settings = cards.openSCSettings { report.add(finding(for: settings)) }
        return cards
    }

    static func finding(for settings: OpenSCSettings) -> DoctorFinding {
        switch settings {
        case .kiosk(let file):
            DoctorFinding(.ok, "OpenSC", "the kiosk's, \(file): the card is reset when OpenSC lets it go, "
                + "and no card file is cached on disk")
        case .environment(let file):
            DoctorFinding(.warning, "OpenSC", "OPENSC_CONF names \(file), in place of the kiosk's own: "
                + "it should set disconnect_action = reset and use_file_caching = no, as the kiosk's does")
        case .notOpenSC:
            DoctorFinding(.ok, "OpenSC", "not used: a card vendor's module has its own; the kiosk resets "
                + "the card after every sign-in")
        }
    }
}
