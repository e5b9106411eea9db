import Foundation
import Simulator

/// The simulator's mutable world behind one actor: GAS, the portal and the fault rules.
actor SimulatorState {
    private(set) var gas: GASService
    private(set) var portal: PortalService
    private var faults: [FaultRule] = []
    /// The URL clients reach this server at, once bound.
    private(set) var baseURL = ""

    init(directory: UserDirectory, verifier: ChallengeResponseVerifier, configuration: SimulatorConfiguration) {
        gas = GASService(directory: directory, verifier: verifier, challengeTTL: configuration.challengeTTL)
        portal = PortalService(timeouts: configuration.timeouts)
    }

    func setBaseURL(_ url: String) {
        baseURL = url
    }

    // MARK: GAS

    func activate(now: Date) -> Challenge {
        gas.activate(now: now)
    }

    func validate(_ request: AuthValidateRequest, now: Date) -> Result<SSOLogin, GASFailure> {
        gas.validate(request, now: now)
    }

    func selectRole(token: String, roleID: String, ssbMode: String) -> Result<SSOTicket, RoleSelectionError> {
        gas.selectRole(token: token, roleID: roleID, ssbMode: ssbMode)
    }

    /// Destroys a ticket and ends the portal sessions opened with it.
    func logout(token: String, now: Date) -> SSOTicket? {
        guard let ticket = gas.logout(token: token) else { return nil }
        portal.ticketDestroyed(token, now: now)
        return ticket
    }

    func assertion(token: String) -> (SSOTicket, SpineUser)? {
        guard let ticket = gas.ticket(token), let user = gas.directory[ticket.uid] else { return nil }
        return (ticket, user)
    }

    // MARK: Portal

    func openSession(_ request: OpenSessionRequest, now: Date) -> Result<OpenedSession, PortalError> {
        let ticket = gas.ticket(request.ssoTicket)
        return portal.open(request, ticket: ticket, user: ticket.flatMap { gas.directory[$0.uid] }, now: now)
    }

    func status(cookie: String?, now: Date) -> Result<SessionStatus, PortalError> {
        portal.status(cookie: cookie, now: now)
    }

    func keepAlive(cookie: String?, now: Date) -> Result<SessionStatus, PortalError> {
        portal.keepAlive(cookie: cookie, now: now)
    }

    func logoutSession(cookie: String?, reason: String?, now: Date) {
        portal.logout(cookie: cookie, reason: reason, now: now)
    }

    func handoff(cookie: String?, now: Date) -> Result<Handoff, PortalError> {
        portal.handoff(cookie: cookie, now: now)
    }

    func redeemHandoff(code: String, now: Date) -> BrowserSignIn? {
        portal.redeemHandoff(code: code, now: now)
    }

    func recordPageView(browserCookie: String?, now: Date) -> Result<PortalSessionRecord, PortalError> {
        portal.recordPageView(browserCookie: browserCookie, now: now)
    }

    func endSession(uid: String, reason: EndedSession.Reason, now: Date) -> Bool {
        portal.endSession(uid: uid, reason: reason, now: now)
    }

    /// Ends expired sessions and forgets expired challenges.
    func sweep(now: Date) {
        portal.sweep(now: now)
        gas.sweep(now: now)
    }

    // MARK: Faults

    func addFaults(_ rules: [FaultRule]) -> [FaultRule] {
        faults += rules
        return faults
    }

    func clearFaults() {
        faults = []
    }

    var faultRules: [FaultRule] { faults }

    /// The first rule for this request, counted as used once.
    func takeFault(path: String, method: String) -> FaultRule? {
        guard let index = faults.firstIndex(where: { $0.matches(path: path, method: method) }) else { return nil }
        let rule = faults[index]
        if let times = rule.times {
            if times <= 1 { faults.remove(at: index) } else { faults[index].times = times - 1 }
        }
        return rule
    }

    // MARK: Status

    func report(now: Date) -> StatusReport {
        sweep(now: now)
        return StatusReport(gas: gas, portal: portal, faults: faults, now: now)
    }
}
