import Foundation
@testable import KioskConfiguration
import KioskCore
import Testing

/// Each environment's public addresses and theme, the only place the kiosk lists them.
@Suite struct EnvironmentDefaultsTests {
    static let defaults: [(KioskEnvironment, gas: String?, portal: String?, theme: String)] = [
        (.live, "https://gas.national.ncrs.nhs.uk", "https://nww.coordinatemycare.net", "nhs"),
        (.test, "https://gas.vn03.national.ncrs.nhs.uk", "https://nww-devb.coordinatemycare.net", "nhs"),
        (.training, "https://gas.tsp.national.ncrs.nhs.uk", nil, "training"),
        (.demo, nil, nil, "training"),
    ]

    @Test(arguments: defaults)
    func environmentDefaults(_ environment: KioskEnvironment, gas: String?, portal: String?, theme: String) {
        #expect(environment.defaultGASURL?.absoluteString == gas)
        #expect(environment.defaultPortalURL?.absoluteString == portal)
        #expect(environment.defaultTheme == theme)
    }

    @Test func everyEnvironmentHasItsDefaults() {
        #expect(Self.defaults.map(\.0) == KioskEnvironment.allCases)
    }

    @Test func theLiveHostsAreTheLiveDefaults() {
        #expect(EndpointURL.liveHosts == ["gas.national.ncrs.nhs.uk", "nww.coordinatemycare.net"])
    }
}
