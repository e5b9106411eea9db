import Foundation
import Glibc
import KioskProcessTestSupport
import NetworkTestBed
import Testing

extension KioskThinClientTests {
    /// How the ward's kiosk is set up for the bed's tinyproxy.
    enum ProxyCase: String, CaseIterable, CustomTestStringConvertible, Sendable {
        /// A proxy that asks for no credentials, and a kiosk that sends none.
        case open
        /// A proxy with Basic authentication, and the kiosk's right password.
        case authenticated
        /// The same proxy, and a wrong password in the kiosk's file.
        case wrongPassword = "wrong-password"

        var testDescription: String { rawValue }

        static let user = "ward7-kiosk"
        static let password = "correct-horse-battery-7"

        var proxy: ProxySetup {
            self == .open ? .open : ProxySetup(credentials: .init(user: Self.user, password: Self.password))
        }

        /// The kiosk's `[network]` table; the password file, when there is one, written mode 600.
        func networkTable(_ workspace: Workspace, proxyURL: String) throws -> String {
            guard self != .open else { return "[network]\nproxy = \"\(proxyURL)\"\n" }
            let password = try workspace.write("proxy-password", self == .authenticated ? Self.password : "not-the-password")
            chmod(password, 0o600)
            return """
                [network]
                proxy = "\(proxyURL)"
                proxy_user = "\(Self.user)"
                proxy_password_file = "\(password)"

                """
        }
    }

    /// The kiosk reaches the simulator only through a real tinyproxy (the spine has no route back
    /// to the ward): it signs in through an open proxy and through one that asks for Basic
    /// credentials; with a wrong password, the screen names the proxy and its answer in plain
    /// words, and nothing is left at the simulator.
    @Test(arguments: ProxyCase.allCases)
    func signInThroughTheProxy(_ setup: ProxyCase) throws {
        let proxyURL = "http://\(BedAddress.proxy):\(BedAddress.proxyPort)"
        let world = try ThinClientWorld(
            "proxy-\(setup.rawValue)", link: LinkConditions(rtt: .milliseconds(50)), proxy: setup.proxy,
            kioskConfiguration: { try setup.networkTable($0, proxyURL: proxyURL) })
        defer { world.finish() }
        let card = try world.scenario.insertAndEnterPasscode(demo: ThinClientWorld.card)
        switch setup {
        case .open, .authenticated:
            let screen = world.kiosk.wait(for: ThinClientWorld.signedIn, seconds: 60)
            #expect(screen.contains(ThinClientWorld.signedIn), "\(screen)")
            #expect(world.bed.proxyLog.contains("CONNECT"), "through the proxy: \(world.bed.proxyLog.suffix(2_000))")
        case .wrongPassword:
            let screen = world.kiosk.wait(for: "Remove your smartcard", seconds: 30)
            #expect(screen.contains("\(BedAddress.proxy):\(BedAddress.proxyPort)"), "the proxy is named: \(screen)")
            #expect(screen.contains("refused"), "\(screen)")
            #expect(!screen.contains(ProxyCase.password) && !screen.contains("not-the-password"), "no password on the screen")
        }
        _ = world.removeAndTimeLock(card)
        let after = try world.scenario.expectNothingLeftBehind(seconds: 30)
        #expect(after.sessions.isEmpty && after.tickets.isEmpty, "\(after)")
    }
}
