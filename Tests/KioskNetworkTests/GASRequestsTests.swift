import GPObject
import KioskCore
import Testing

@testable import KioskNetwork

/// The bytes the GAS client sends, against the spec's layout. (That the simulator accepts them
/// is shown by the login tests.)
@Suite struct GASRequestsTests {
    static let ticket = "AQIC5wM2LY4SfcwrRGMHiyxMR3suYWqcF+B1j56GJ4xGut4=@AAJTSQACMDE=#"
    let login = SpineAuthentication(
        ticket: SSOTicket(ticket), uid: "555123456789", displayName: "", roles: [],
        logoutURL: "https://gas.example/login/authlogout", sessionTime: nil, maxSessionTime: nil, logSessionID: "Ab3dE6gH9j",
        contentType: nil)
    static let prolog = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE USER SYSTEM "gpOBJECT.DTD">

        """

    /// What goes on the wire for a document: a `text/xml` POST with the prolog.
    func sent(_ document: GPObject) -> String {
        String(decoding: GASClient.xmlRequest(document, url: "https://gas.example/").body ?? [], as: UTF8.self)
    }

    @Test func activationIsTheSpecDocument() {
        #expect(sent(GASRequests.activation(logSessionID: "Ab3dE6gH9j", device: "ward7-kiosk-2,ClientIP=10.1.2.3")) == Self.prolog + """
            <gpOBJECT>
            <gpPARAM name="auth_method">3</gpPARAM>
            <gpPARAM name="app_url">NHST</gpPARAM>
            <gpPARAM name="log_session_id">Ab3dE6gH9j</gpPARAM>
            <gpPARAM name="device_id">ward7-kiosk-2,ClientIP=10.1.2.3</gpPARAM>
            <gpPARAM name="service">ACTIVATION</gpPARAM>
            </gpOBJECT>

            """)
    }

    @Test func validationIsTheSpecDocument() {
        let challenge = GASChallenge(
            challenge: [1], encodedChallenge: "MlJN9BVj", serverSignature: "c2VydmVyLXNpZw==",
            replyURL: "https://gas.example/login/authvalidate", logSessionID: "Ab3dE6gH9j", contentType: nil)
        let document = GASRequests.validation(
            challenge: challenge, uid: "555123456789", response: "TUlNRQ==", device: "ward7-kiosk-2,ClientIP=10.1.2.3")
        #expect(sent(document) == Self.prolog + """
            <gpOBJECT>
            <gpPARAM name="auth_method">3</gpPARAM>
            <gpPARAM name="app_url">NHST</gpPARAM>
            <gpPARAM name="log_session_id">Ab3dE6gH9j</gpPARAM>
            <gpPARAM name="device_id">ward7-kiosk-2,ClientIP=10.1.2.3</gpPARAM>
            <gpPARAM name="service">AUTHENTICATION</gpPARAM>
            <gpPARAM name="challenge">MlJN9BVj</gpPARAM>
            <gpPARAM name="signature">c2VydmVyLXNpZw==</gpPARAM>
            <gpPARAM name="uid">555123456789</gpPARAM>
            <gpPARAM name="card_type">p11</gpPARAM>
            <gpPARAM name="response" encoding="base64">TUlNRQ==</gpPARAM>
            <gpPARAM name="mobility">0</gpPARAM>
            </gpOBJECT>

            """)
    }

    @Test func logoutIsTheSpecDocument() {
        #expect(sent(GASRequests.logout(login, device: "ward7-kiosk-2,ClientIP=10.1.2.3")) == Self.prolog + """
            <gpOBJECT>
            <gpPARAM name="service">LOGOUT</gpPARAM>
            <gpPARAM name="sso_ticket">\(Self.ticket)</gpPARAM>
            <gpPARAM name="log_session_id">Ab3dE6gH9j</gpPARAM>
            <gpPARAM name="device_id">ward7-kiosk-2,ClientIP=10.1.2.3</gpPARAM>
            <gpPARAM name="uid">555123456789</gpPARAM>
            </gpOBJECT>

            """)
    }

    @Test func postsAreTextXML() {
        let request = GASClient.xmlRequest(GPObject(), url: "https://gas.example/login/authactivate")
        #expect(request.method == .post)
        #expect(request.url == "https://gas.example/login/authactivate")
        #expect(request.headers == [HTTPHeader(name: "Content-Type", value: "text/xml")])
    }

    @Test(arguments: [(KioskEnvironment.live, 0), (.test, 0), (.training, 1), (.demo, 0)])
    func roleSelectionEncodesTheTicketAndNamesTheMode(_ environment: KioskEnvironment, ssbMode: Int) throws {
        let gas = GASClient(
            baseURL: "https://gas.example/", engine: try HTTPEngine(), deviceID: "d", clientIP: "1", environment: environment)
        let role = SpineRole(profileID: "055008642106", organisationCode: "", organisationName: "", area: "", subArea: "", jobRole: "")
        #expect(gas.roleSelectionURL(role, for: login) == "https://gas.example/saml/RoleSelectionGP.jsp?token=AQIC5wM2LY4SfcwrRGMHiyxMR3suYWqcF%2BB1j56GJ4xGut4%3D%40AAJTSQACMDE%3D%23&selectedRoleUid=055008642106&ssbMode=\(ssbMode)&fallbackStatus=0&gacVersion=cmc-kiosk%2F0.1.0")
    }

    @Test(arguments: [
        ("Mozilla/4.0(compatible;IE;GACv10. 0. 0. 1)", "GACv10. 0. 0. 1"),
        ("Mozilla/4.0(compatible;IE;GACv7. 2. 2. 16)", "GACv7. 2. 2. 16"),
        ("cmc-kiosk/0.4.0", "cmc-kiosk/0.4.0"),
    ])
    func gacVersionComesFromTheUserAgent(_ userAgent: String, expected: String) throws {
        #expect(GASClient.gacVersion(userAgent: userAgent) == expected)
        let gas = GASClient(
            baseURL: "https://gas.example", engine: try HTTPEngine(configuration: .init(userAgent: userAgent)),
            deviceID: "d", clientIP: "1", environment: .live)
        let role = SpineRole(profileID: "1", organisationCode: "", organisationName: "", area: "", subArea: "", jobRole: "")
        #expect(gas.roleSelectionURL(role, for: login).hasSuffix("&gacVersion=\(GASClient.queryEncoded(expected))"))
    }

    /// `reply_url` and `sso_logout_url` are followed only on the configured origin.
    @Test(arguments: [
        ("https://gas.example/login/authvalidate2", true),
        ("https://GAS.example:443/elsewhere", true),
        ("  https://gas.example/x  ", true),
        ("http://gas.example/login/authvalidate", false),
        ("https://gas.example:8443/login/authvalidate", false),
        ("https://gas.example.evil.org/login/authvalidate", false),
        ("https://gas.example@evil.org/login/authvalidate", false),
        ("http://10.1.2.3:8080/login/authvalidate", false),
        ("/login/authvalidate", false),
        ("", false),
        (nil, false),
    ])
    func serverURLsStayOnTheGASOrigin(_ offered: String?, followed: Bool) throws {
        let gas = GASClient(baseURL: "https://gas.example/", engine: try HTTPEngine(), deviceID: "d", clientIP: "1", environment: .live)
        let url = gas.gasURL(offered: offered, otherwise: "/login/authvalidate")
        #expect(url == (followed ? offered?.trimmingSpaces : "https://gas.example/login/authvalidate"))
    }
}
