import KioskConfiguration

/// `[card] backend = "pkcs11"`: whether the module loads and initialises, as at start-up.
enum CardBackendCheck {
    static func run(_ backend: CardBackend, into report: inout DoctorReport) {
        guard case .pkcs11(let path) = backend else { return }
        do {
            try WardCards(backend).finish()
            report.add(.ok, "card backend", "the PKCS#11 module \(path) loads and initialises")
        } catch {
            report.add(.failed, "card backend", "\(error); install it (opensc-pkcs11 for OpenSC) or correct [card] pkcs11_module")
        }
    }
}
