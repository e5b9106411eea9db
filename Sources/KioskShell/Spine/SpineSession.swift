import FoundationEssentials
import KioskCore
import KioskNetwork
import PKCS1

/// One sign-in's conversation with Spine (GAS) and the CMC portal. It holds the attempt's
/// secrets, the SSO ticket and the portal cookie, in memory only, until it is logged out.
actor SpineSession {
    let uid: String
    private let gas: GASClient
    private let portal: PortalClient
    private let deviceID: String
    private let challenges: ChallengeSupply
    private var authentication: SpineAuthentication?
    /// GAS steps 1–3 while under way. A validation already sent may still earn a ticket after the
    /// sign-in is abandoned (the card pulled out): the logout waits for it and logs it out.
    private var authenticating: Task<SpineAuthentication, any Error>?
    private var portalOpened = false

    /// - Parameter challengeLifetime: how long GAS takes the answer to a challenge.
    init(uid: String, gas: GASClient, portal: PortalClient, deviceID: String, challengeLifetime: Duration) {
        self.uid = uid
        self.gas = gas
        self.portal = portal
        self.deviceID = deviceID
        challenges = ChallengeSupply(gas: gas, lifetime: challengeLifetime)
    }

    /// Opens the connection to GAS and keeps a fresh challenge ready while the passcode is typed,
    /// until ``authenticate(certificateDER:digest:signer:)`` takes it or the calling task is
    /// cancelled.
    func prepare() async {
        await challenges.keepFresh()
    }

    /// GAS steps 1–3: a challenge (fetched ahead if one is fresh), the card's signature over it,
    /// the ticket and the roles. The card signs once per passcode, so a challenge GAS refuses as
    /// expired (`AUTH_NOT_VALID`) cannot be answered again: the lifetime must not be overstated.
    func authenticate(
        certificateDER: [UInt8], digest: SignatureDigest, signer: @escaping SignedDataBuilder.Signer
    ) async -> Result<SpineLogin, KioskFailure> {
        // Not a child task: cancelling the sign-in must not drop a validation GAS may already be
        // answering with a ticket.
        let work = Task { [gas, uid, challenges] () async throws -> SpineAuthentication in
            try await gas.authenticate(
                challenge: try await challenges.take(), uid: uid, certificateDER: certificateDER, digest: digest,
                signer: signer)
        }
        authenticating = work
        let outcome = await work.result
        settle(work, outcome)
        switch outcome {
        case .success(let login):
            return .success(SpineLogin(displayName: login.displayName, roles: login.roles.map(Role.init)))
        case .failure(let error as GASError):
            return .failure(FailureTranslation.failure(for: error))
        case .failure:
            return .failure(.spineUnreachable(detail: "The login was interrupted."))
        }
    }

    /// Keeps the ticket a finished authentication earned, once.
    private func settle(_ work: Task<SpineAuthentication, any Error>, _ outcome: Result<SpineAuthentication, any Error>) {
        guard authenticating == work else { return }
        authenticating = nil
        if case .success(let login) = outcome { authentication = login }
    }

    /// Spine role selection (step 4), then the portal session.
    func open(roleID: String) async -> Result<PortalSession, KioskFailure> {
        guard let authentication, let spineRole = authentication.roles.first(where: { $0.profileID == roleID }) else {
            return .failure(.ticketRejected)
        }
        do {
            try await gas.selectRole(spineRole, for: authentication)
        } catch {
            return .failure(FailureTranslation.failure(for: error))
        }
        do {
            let session = try await portal.openSession(
                ticket: authentication.ticket, uid: uid, role: Role(spineRole), deviceID: deviceID)
            portalOpened = true
            return .success(session)
        } catch {
            return .failure(FailureTranslation.failure(for: error, uid: uid))
        }
    }

    /// Asks the portal for the session's state, renewing the lease.
    func status() async -> PortalAnswer { await answer { try await $0.status() } }

    /// Tells the portal the user is active, resetting the idle timer.
    func keepAlive() async -> PortalAnswer { await answer { try await $0.keepAlive() } }

    private func answer(_ call: (PortalClient) async throws -> PortalSessionStatus) async -> PortalAnswer {
        do {
            let status = try await call(portal)
            return .active(idleRemaining: TimeInterval(status.idleRemainingSeconds))
        } catch PortalError.sessionEnded(let reason, _) {
            // The portal has ended it: there is no portal session left to log out, only Spine's.
            portalOpened = false
            await portal.forgetSession()
            return .ended(reason)
        } catch {
            return .unreachable
        }
    }

    /// A one-time URL that signs a browser into the session; `nil` if the portal gives none.
    func handoffURL() async -> String? {
        try? await portal.handoff().url
    }

    /// Whether anything remains to log out: a ticket, or a portal session.
    var holdsSecrets: Bool { authentication != nil || portalOpened || authenticating != nil }

    /// Portal `DELETE` and GAS logout at the same time, each bounded by `timeout`. What
    /// succeeds is forgotten; `true` once nothing is left to log out.
    func logOut(reason: LogoutReason, timeout: Duration) async -> Bool {
        if let work = authenticating {
            // A ticket may be on its way: wait for it (within the bound), then log it out.
            guard await Self.bounded(timeout, { _ = await work.result }) else { return false }
            settle(work, await work.result)
        }
        async let portalDone = portalOpened
            ? Self.bounded(timeout) { [portal] in try await portal.logout(reason: reason) }
            : true
        let login = authentication
        async let spineDone = login == nil
            ? true
            : Self.bounded(timeout) { [gas] in if let login { try await gas.logout(login) } }
        let (portalLoggedOut, spineLoggedOut) = await (portalDone, spineDone)
        if portalLoggedOut {
            portalOpened = false
            await portal.forgetSession()
        }
        if spineLoggedOut { authentication = nil }
        return !holdsSecrets
    }

    /// Gives up on the logouts: the portal's lease ends what was not reached.
    func forget() async {
        authenticating = nil
        authentication = nil
        portalOpened = false
        await portal.forgetSession()
    }

    /// Runs `call`, cancelling it after `timeout`; `true` if it succeeded in time.
    private static func bounded(_ timeout: Duration, _ call: @escaping @Sendable () async throws -> Void) async -> Bool {
        await within(timeout, otherwise: false) { (try? await call()) != nil }
    }
}
