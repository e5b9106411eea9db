import KioskCore
import KioskNetwork
@testable import KioskShell
import Testing

/// A proxy's refusal on the way to Spine or the portal becomes the kiosk's own failure, and a
/// screen message that names the proxy and what to check, with the status in the audit code.
@Suite("Proxy failures on the screen")
struct ProxyFailureTranslationTests {
    static let helpdesk = Helpdesk()

    @Test func aProxyAsking407ForCredentialsIsNamedOnTheScreen() {
        let error = HTTPError.proxyRefused(proxy: "198.18.1.3:8888", status: 407, reason: "Proxy Authentication Required")
        let failure = FailureTranslation.failure(for: GASError.transport(error))

        #expect(failure == .proxyRefused(proxy: "198.18.1.3:8888", status: 407, reason: "Proxy Authentication Required"))
        let notice = failure.notice(helpdesk: Self.helpdesk)
        #expect(notice.severity == .error)
        #expect(notice.headline == "The proxy 198.18.1.3:8888 refused: 407 Proxy Authentication Required")
        #expect(notice.lines == [
            "Tell your IT service desk:",
            "the proxy did not accept this kiosk's credentials: check [network] proxy_user and proxy_password_file.",
        ])
        #expect(failure.auditName == "proxy_refused:407")
    }

    @Test func wrongCredentialsRefused401AreAboutTheCredentialsToo() {
        let failure = FailureTranslation.failure(
            for: GASError.transport(.proxyRefused(proxy: "198.18.1.3:8888", status: 401, reason: "Unauthorized")))
        let notice = failure.notice(helpdesk: Self.helpdesk)
        #expect(notice.headline == "The proxy 198.18.1.3:8888 refused: 401 Unauthorized")
        #expect(notice.lines.last?.contains("proxy_user and proxy_password_file") == true)
    }

    @Test func aProxyFiltering403ThePortalIsNamedOnTheScreen() {
        let error = HTTPError.proxyRefused(proxy: "proxy.trust.nhs.uk:3128", status: 403, reason: "Filtered")
        let failure = FailureTranslation.failure(for: PortalError.transport(error), uid: "555000000001")

        let notice = failure.notice(helpdesk: Self.helpdesk)
        #expect(notice.headline == "The proxy proxy.trust.nhs.uk:3128 refused: 403 Filtered")
        #expect(notice.lines.last == "the proxy does not allow this kiosk's servers: check the proxy's allowed hosts (its filter).")
        #expect(failure.auditName == "proxy_refused:403")
    }

    @Test func anUnreachableProxyIsNamedAndLibcurlsTextIsLeftOut() {
        let error = HTTPError.proxyUnreachable(
            proxy: "198.18.1.3:8888", message: "Failed to connect to 198.18.1.3 port 8888 after 0 ms: Couldn't connect to server")
        let failure = FailureTranslation.failure(for: GASError.transport(error))

        #expect(failure == .proxyUnreachable(proxy: "198.18.1.3:8888"))
        let notice = failure.notice(helpdesk: Self.helpdesk)
        #expect(notice.headline == "The proxy 198.18.1.3:8888 cannot be reached")
        #expect(notice.lines.joined(separator: " ").contains("[network] proxy"))
        #expect(failure.auditName == "proxy_unreachable")
    }
}
