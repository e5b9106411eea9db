@testable import KioskApp
import Testing

/// Which OpenSC settings the kiosk runs OpenSC's module with.
@Suite("The kiosk's OpenSC settings")
struct OpenSCSettingsTests {
    static let openSC = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"

    @Test("OpenSC's module gets the kiosk's file; an OPENSC_CONF already set is kept; a vendor's module is left alone")
    func choice() throws {
        #expect(try OpenSCSettings.choose(modulePath: Self.openSC, environment: nil, shipped: "/k/opensc.conf") == .kiosk("/k/opensc.conf"))
        #expect(try OpenSCSettings.choose(modulePath: Self.openSC, environment: "", shipped: "/k/opensc.conf") == .kiosk("/k/opensc.conf"))
        #expect(try OpenSCSettings.choose(modulePath: Self.openSC, environment: "/etc/mine.conf", shipped: "/k/opensc.conf")
            == .environment("/etc/mine.conf"))
        #expect(try OpenSCSettings.choose(modulePath: "/usr/lib/libidprimepkcs11.so", environment: nil, shipped: nil) == .notOpenSC)
    }

    @Test("OpenSC's module without the kiosk's file is a start-up error that says what to do")
    func missing() {
        #expect(throws: WardCardsError.openSCSettingsMissing("Middleware/opensc.conf")) {
            try OpenSCSettings.choose(modulePath: Self.openSC, environment: nil, shipped: nil)
        }
        #expect(WardCardsError.openSCSettingsMissing("Middleware/opensc.conf").description.contains("reinstall cmc-kiosk"))
    }
}
