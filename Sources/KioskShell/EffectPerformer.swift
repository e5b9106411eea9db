import FoundationEssentials
import KioskCore
import KioskNetwork

/// Carries out the core's effects with the real adapters, and reports results as events. Each
/// effect carries all it needs; the only memory kept from one effect to the next is the
/// attempt's Spine session, from the card's read (its challenge is fetched while the passcode
/// is typed) to the teardown that logs it out.
///
/// Called on the runtime's queue only; network calls run as tasks it can cancel, card commands on
/// the card worker's queue, session commands on their supervisor's. Not `Sendable`: the tasks
/// it starts capture only what they need, never the performer.
final class EffectPerformer {
    private let services: KioskServices
    private let card: CardWorker
    private let logouts = LogoutRetrier()
    /// The attempt's conversation with Spine and the portal, holding its ticket and cookie.
    private var session: SpineSession?
    /// Requests of the attempt under way, cancelled by its teardown.
    private let requests = TaskSet()
    /// The first tries of the logouts asked for, until they end.
    private let logoutTries = TaskSet()
    private let sessionCommand: SessionCommandSupervisor?
    /// The session commands being stopped, until their group is gone.
    private let sessionCommandStops = TaskSet()

    init(services: KioskServices) {
        self.services = services
        card = CardWorker(backend: services.cards)
        sessionCommand = services.sessionCommand.map { SessionCommandSupervisor(settings: $0, terminal: services.terminal) }
    }

    /// Carries out the effects of an event that reached the runtime at `arrived` (a teardown's
    /// latency is counted from then); results go to `report`.
    func perform(
        _ effects: [KioskEffect], arrivedAt arrived: ContinuousClock.Instant,
        report: @escaping @Sendable (KioskEvent) -> Void
    ) {
        for effect in effects { perform(effect, arrivedAt: arrived, report: report) }
    }

    private func perform(
        _ effect: KioskEffect, arrivedAt arrived: ContinuousClock.Instant,
        report: @escaping @Sendable (KioskEvent) -> Void
    ) {
        switch effect {
        case .readCard(let reader, let attempt):
            readCard(reader, attempt: attempt, report: report)
        case .appendToPasscode(let character):
            character.asciiValue.map(card.passcode.append)
        case .eraseLastPasscodeCharacter:
            card.passcode.removeLast()
        case .verifyPasscode(let attempt):
            card.verifyPasscode { report(.passcodeChecked(attempt: attempt, $0)) }
        case .prepareSpine(let uid, _):
            let spine = newSession(uid: uid)
            requests.run { await spine.prepare() }
        case .authenticateWithSpine(let uid, let attempt):
            authenticate(uid: uid, attempt: attempt, report: report)
        case .openSession(let roleID, let attempt):
            withSession { report(.sessionOpened(attempt: attempt, await $0.open(roleID: roleID))) }
        case .checkPortalStatus(let attempt):
            withSession { report(.portalAnswered(attempt: attempt, await $0.status())) }
        case .sendKeepAlive(let attempt):
            withSession { report(.portalAnswered(attempt: attempt, await $0.keepAlive())) }
        case .startSessionCommand(let launch, let attempt):
            startSessionCommand(launch, attempt: attempt, report: report)
        case .tearDown(let teardown):
            tearDown(teardown, arrivedAt: arrived, report: report)
        case .audit(let event):
            services.audit?.record(event, at: services.now())
        }
    }

    /// Reads the card. With a session user, only once the session commands being stopped are
    /// gone, their homes with them: no one signs in while anything of the session before is left.
    /// The wait is a request, so a teardown before the read forbids it.
    private func readCard(_ reader: String, attempt: Int, report: @escaping @Sendable (KioskEvent) -> Void) {
        let (card, now) = (card, services.now)
        let stopping = sessionCommand?.settings.user == nil ? [] : sessionCommandStops.running
        guard !stopping.isEmpty else {
            return card.read(reader: reader, now: now()) { report(.cardRead(attempt: attempt, $0)) }
        }
        requests.run {
            for stop in stopping { await stop.value }
            guard !Task.isCancelled else { return }
            card.read(reader: reader, now: now()) { report(.cardRead(attempt: attempt, $0)) }
        }
    }

    /// Runs `call` on the attempt's Spine session as a request its teardown cancels.
    private func withSession(_ call: @escaping @Sendable (SpineSession) async -> Void) {
        guard let session else { return }
        requests.run { await call(session) }
    }

    /// The attempt's Spine session, from now until its teardown logs it out.
    private func newSession(uid: String) -> SpineSession {
        let spine = SpineSession(
            uid: uid,
            gas: GASClient(
                baseURL: services.gasURL, engine: services.engine, deviceID: services.deviceID,
                clientIP: services.clientIP, environment: services.environment),
            portal: PortalClient(baseURL: services.portalURL, engine: services.engine),
            deviceID: services.deviceID, challengeLifetime: services.challengeLifetime)
        session = spine
        return spine
    }

    /// Validation with the session that has been fetching the challenge since the card was read
    /// (a new one if there is none for this user).
    private func authenticate(uid: String, attempt: Int, report: @escaping @Sendable (KioskEvent) -> Void) {
        let spine = session.flatMap { $0.uid == uid ? $0 : nil } ?? newSession(uid: uid)
        let (card, digest) = (card, services.signatureDigest)
        requests.run {
            guard let certificate = await card.certificateDER() else {
                return report(.spineAuthenticated(attempt: attempt, .failure(.unreadableCard(detail: "The card is gone."))))
            }
            let result = await spine.authenticate(certificateDER: certificate, digest: digest) { message in
                try await card.sign(message)
            }
            report(.spineAuthenticated(attempt: attempt, result))
        }
    }

    /// Starts the configured command once the portal has given a hand-off URL or refused to; a
    /// teardown before then cancels the wait and forbids the start.
    private func startSessionCommand(
        _ launch: SessionLaunch, attempt: Int, report: @escaping @Sendable (KioskEvent) -> Void
    ) {
        guard let supervisor = sessionCommand else { return }
        supervisor.expect(attempt: attempt)
        let (session, audit, now) = (session, services.audit, services.now)
        requests.run {
            let environment = SessionCommandEnvironment(launch, handoffURL: await session?.handoffURL())
            let exited: @Sendable () -> Void = {
                if supervisor.settings.logoutWhenCommandExits { report(.sessionCommandExited(attempt: attempt)) }
            }
            let arguments: [String]
            switch supervisor.settings.command.expanded(with: environment.placeholderValues) {
            case .success(let expanded):
                arguments = expanded
            case .failure(let missing):
                audit?.record(.sessionCommandFailed(
                    uid: launch.uid, reason: "the portal gave no {\(missing.placeholder.rawValue)} for the command line"), at: now())
                return exited()
            }
            supervisor.start(
                attempt: attempt, uid: launch.uid, arguments: arguments,
                environment: environment.variables(inheritingFrom: ProcessInfo.processInfo.environment), onExit: exited
            ) { started in
                switch started {
                case .success:
                    audit?.record(.sessionCommandStarted(uid: launch.uid, runAs: supervisor.runsAs), at: now())
                case .failure(let error):
                    audit?.record(.sessionCommandFailed(uid: launch.uid, reason: error.reason), at: now())
                    exited()
                }
            }
        }
    }

    // MARK: Teardown

    /// Carries out the plan's steps in its order. Steps hand on what later steps need (the
    /// session the logout takes, the stop the audit waits for) through this call alone.
    private func tearDown(
        _ teardown: Teardown, arrivedAt arrived: ContinuousClock.Instant,
        report: @escaping @Sendable (KioskEvent) -> Void
    ) {
        var commandStop: Task<Void, Never>?
        var firstTries: Task<Void, Never>?
        for step in teardown.steps {
            switch step {
            case .cancelRequests:
                requests.cancelAll()
            case .wipeSecrets:
                card.wipePasscode()
            case .stopSessionCommand:
                commandStop = stopSessionCommand()
            case .logOut(let reason):
                firstTries = logOut(reason, after: commandStop, since: arrived)
            case .disconnectCard:
                card.disconnect()
            case .reportFinished:
                logoutTries.run { [firstTries] in
                    await firstTries?.value
                    report(.teardownFinished(attempt: teardown.attempt))
                }
            }
        }
    }

    /// Ends the command's processes on its supervisor's thread: it may take seconds.
    private func stopSessionCommand() -> Task<Void, Never>? {
        guard let supervisor = sessionCommand else { return nil }
        let (audit, now) = (services.audit, services.now)
        return sessionCommandStops.run {
            guard let stopped = await supervisor.stop() else { return }
            audit?.record(
                .sessionCommandStopped(uid: stopped.uid, outcome: stopped.outcome, containment: stopped.containment),
                at: now())
        }
    }

    /// Takes the attempt's Spine session out of the live state and logs it out. Audited, with
    /// its latency from `start`, once the first tries are over and `commandStop` is done.
    private func logOut(
        _ reason: LogoutReason, after commandStop: Task<Void, Never>?, since start: ContinuousClock.Instant
    ) -> Task<Void, Never> {
        let leaving = session
        session = nil
        let (logouts, audit, now) = (logouts, services.audit, services.now)
        return logoutTries.run {
            let loggedOut = if let leaving { await logouts.logOut(leaving, reason: reason) } else { true }
            await commandStop?.value
            let elapsed = ContinuousClock.now - start
            let milliseconds = Int(elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
            audit?.record(
                .teardownComplete(reason: reason, milliseconds: milliseconds, logoutsRetrying: loggedOut ? 0 : 1),
                at: now())
        }
    }

    /// The logouts whose first try is still under way.
    var logoutsUnderWay: [Task<Void, Never>] { logoutTries.running }

    /// The session commands being stopped, each for at most about three seconds.
    var sessionCommandsStopping: [Task<Void, Never>] { sessionCommandStops.running }
}
