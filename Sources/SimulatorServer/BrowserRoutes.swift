import Foundation
import Hummingbird
import Simulator

/// The portal's web front end behind the hand-off: the one-time sign-in URL, the patient list and
/// the care plans, for a browser holding its own session cookie.
struct BrowserRoutes {
    let state: SimulatorState
    /// Whether the browser's cookie is `Secure`: when serving HTTPS. Not on plain HTTP (loopback
    /// only), where a browser such as w3m would keep a `Secure` cookie but never send it back.
    let marksCookieSecure: Bool
    /// The browser's cookie: bound to the kiosk's session, never the kiosk's `CMCSESSION`.
    static let cookieName = "CMCBROWSER"
    static let patientListPath = "/cmc/patients"

    static func carePlanPath(_ patient: SyntheticPatient) -> String {
        "\(patientListPath)/\(patient.id)"
    }

    func register(on router: Router<SimulatorRequestContext>) {
        router.get("/sso/handoff") { request, context in await redeem(request, context) }
        router.get(RouterPath(Self.patientListPath)) { request, _ in
            await signedInPage(request) { session in
                Self.page(PortalPages.patientList(SyntheticPatient.all, for: session))
            }
        }
        router.get(RouterPath(Self.patientListPath + "/:id")) { request, context in
            await signedInPage(request) { session in
                guard let id = context.parameters.get("id"), let patient = SyntheticPatient.withID(id) else {
                    return Self.page(PortalPages.noSuchPatient(for: session), status: .notFound)
                }
                return Self.page(PortalPages.carePlan(of: patient, for: session))
            }
        }
    }

    /// A valid, unused code: the browser's cookie and a 303 to the patient list. Otherwise 410.
    private func redeem(_ request: Request, _ context: SimulatorRequestContext) async -> Response {
        guard let code = request.uri.queryParameters.get("code"),
              let signIn = await state.redeemHandoff(code: code, now: Date())
        else {
            return Self.page(PortalPages.handoffExpired, status: .gone)
        }
        context.logger.info("browser signed in by hand-off", metadata: ["session_id": "\(signIn.session.sessionID)"])
        var response = Self.page(PortalPages.signedIn(signIn.session), status: .seeOther)
        response.headers[.location] = Self.patientListPath
        let secure = marksCookieSecure ? "; Secure" : ""
        response.headers[.setCookie] = "\(Self.cookieName)=\(signIn.cookie)\(secure); HttpOnly; SameSite=Strict; Path=/"
        return response
    }

    /// `render` for the live session the browser's cookie signs into (a page view: user activity);
    /// "not signed in" (403) without a known cookie, "session ended" (410) once the session is gone.
    ///
    /// Not 401: there is no HTTP authentication to offer (401 needs `WWW-Authenticate`), and w3m
    /// answers a 401 by asking for a user name instead of showing the page.
    private func signedInPage(_ request: Request, render: (PortalSessionRecord) -> Response) async -> Response {
        switch await state.recordPageView(browserCookie: request.cookies[Self.cookieName]?.value, now: Date()) {
        case .success(let session): render(session)
        case .failure(.sessionEnded(let reason)): Self.page(PortalPages.sessionEnded(reason), status: .gone)
        case .failure: Self.page(PortalPages.notSignedIn, status: .forbidden)
        }
    }

    /// An HTML page that no cache keeps: care plans are clinical records.
    private static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var response = Replies.html(html, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
