import Foundation
import KioskCore
import KioskNetwork

/// Carries out the core's effects with the real adapters, and reports results as events.
///
/// Called on the runtime's queue only; network calls run as tasks it can cancel, card commands on
/// the card worker's queue.
final class EffectPerformer: @unchecked Sendable {
    private let services: KioskServices
    private let send: @Sendable (KioskEvent) -> Void
    private let card: CardWorker
    private let logouts = LogoutRetrier()
    /// The sign-in under way, holding its ticket and cookie.
    private var session: SpineSession?
    /// Sessions whose secrets were wiped from the live state, waiting for their logout.
    private var leaving: [SpineSession] = []
    private var inFlight: [Task<Void, Never>] = []
    /// The first tries of the logouts asked for, until they end.
    private let logoutTries = TaskSet()
    private let sessionCommand: SessionCommandSupervisor?
    /// The session commands being stopped, until their group is gone.
    private let sessionCommandStops = TaskSet()
    /// The stop of the session command that the teardown under way asked for.
    private var commandStopping: Task<Void, Never>?

    init(services: KioskServices, send: @escaping @Sendable (KioskEvent) -> Void) {
        self.services = services
        self.send = send
        card = CardWorker(connector: services.cards)
        sessionCommand = services.sessionCommand.map { SessionCommandSupervisor(settings: $0, terminal: services.terminal) }
    }

    /// Carries out the effects of an event that reached the runtime at `arrived` (a teardown's
    /// latency is counted from then).
    func perform(_ effects: [KioskEffect], in state: KioskState, arrivedAt arrived: ContinuousClock.Instant) {
        for effect in effects { perform(effect, in: state, arrivedAt: arrived) }
        // A wiped session that no logout was asked for is logged out all the same.
        if !leaving.isEmpty { logOutLeaving(.userLogout, attempt: nil, since: arrived) }
        commandStopping = nil
    }

    private func perform(_ effect: KioskEffect, in state: KioskState, arrivedAt arrived: ContinuousClock.Instant) {
        switch effect {
        case .readCard(let reader, let attempt):
            card.read(reader: reader, now: services.now()) { [send] in send(.cardRead(attempt: attempt, $0)) }
        case .appendToPasscode(let character):
            character.asciiValue.map(card.passcode.append)
        case .eraseLastPasscodeCharacter:
            card.passcode.removeLast()
        case .verifyPasscode(let attempt):
            card.verifyPasscode { [send] in send(.passcodeChecked(attempt: attempt, $0)) }
        case .disconnectCard:
            card.disconnect()
        case .authenticateWithSpine(let attempt):
            guard let uid = state.card?.uid else { return }
            authenticate(uid: uid, attempt: attempt)
        case .openSession(let roleID, let attempt):
            run { [session, send] in
                guard let session else { return }
                send(.sessionOpened(attempt: attempt, await session.open(roleID: roleID)))
            }
        case .checkPortalStatus(let attempt):
            run { [session, send] in
                guard let session else { return }
                send(.portalAnswered(attempt: attempt, await session.status()))
            }
        case .sendKeepAlive(let attempt):
            run { [session, send] in
                guard let session else { return }
                send(.portalAnswered(attempt: attempt, await session.keepAlive()))
            }
        case .logOut(let reason, let attempt):
            logOutLeaving(reason, attempt: attempt, since: arrived)
        case .cancelInFlight:
            inFlight.forEach { $0.cancel() }
            inFlight = []
        case .wipeSecrets:
            card.passcode.wipe()
            if let session { leaving.append(session) }
            session = nil
        case .audit(let event):
            services.audit?.record(event, at: services.now())
        case .startSessionCommand(let attempt):
            startSessionCommand(attempt: attempt, in: state)
        case .stopSessionCommand:
            stopSessionCommand()
        }
    }

    /// Starts the configured command, once the portal has given a hand-off URL or refused to.
    private func startSessionCommand(attempt: Int, in state: KioskState) {
        guard let supervisor = sessionCommand, case .signedIn(let signedIn) = state.phase,
              let uid = state.card?.uid else { return }
        supervisor.expect(attempt: attempt)
        let known = SessionCommandEnvironment(
            portalURL: signedIn.session.portalURL, uid: uid, roleID: signedIn.session.role.id,
            displayName: signedIn.session.displayName)
        let (audit, now) = (services.audit, services.now)
        run { [session, send] in
            var details = known
            details.handoffURL = await session?.handoffURL()
            let logsOut = supervisor.settings.logoutWhenCommandExits
            let exited: @Sendable () -> Void = { if logsOut { send(.sessionCommandExited(attempt: attempt)) } }
            let started = supervisor.start(
                attempt: attempt, uid: uid,
                environment: details.variables(inheritingFrom: ProcessInfo.processInfo.environment),
                onExit: exited)
            switch started {
            case nil:
                break
            case .success?:
                audit?.record(.sessionCommandStarted(uid: uid), at: now())
            case .failure(let error)?:
                audit?.record(.sessionCommandFailed(uid: uid, reason: error.reason), at: now())
                exited()
            }
        }
    }

    /// Ends the command's process group off the runtime's queue: it may take seconds.
    private func stopSessionCommand() {
        guard let supervisor = sessionCommand, let (command, uid) = supervisor.takeRunning() else { return }
        let (audit, now) = (services.audit, services.now)
        commandStopping = sessionCommandStops.run {
            let outcome = await withCheckedContinuation { done in
                Thread.detachNewThread { done.resume(returning: supervisor.stop(command)) }
            }
            audit?.record(.sessionCommandStopped(uid: uid, outcome: outcome), at: now())
        }
    }

    private func authenticate(uid: String, attempt: Int) {
        let spine = SpineSession(
            uid: uid,
            gas: GASClient(
                baseURL: services.gasURL, engine: services.engine, deviceID: services.deviceID,
                clientIP: services.clientIP, environment: services.environment),
            portal: PortalClient(baseURL: services.portalURL, engine: services.engine),
            deviceID: services.deviceID)
        session = spine
        let (card, digest) = (card, services.signatureDigest)
        run { [send] in
            guard let certificate = await card.certificateDER() else {
                return send(.spineAuthenticated(attempt: attempt, .failure(.unreadableCard(detail: "The card is gone."))))
            }
            let result = await spine.authenticate(certificateDER: certificate, digest: digest) { digestInfo in
                try await card.sign(digestInfo: digestInfo)
            }
            send(.spineAuthenticated(attempt: attempt, result))
        }
    }

    /// Logs out every wiped session; reports the teardown finished after the first try. A
    /// teardown the core asked for (`attempt` given) is audited, with its latency from `start`,
    /// once the first tries are over and the session command it stopped is gone.
    private func logOutLeaving(_ reason: LogoutReason, attempt: Int?, since start: ContinuousClock.Instant) {
        let sessions = leaving
        leaving = []
        let (logouts, commandStop, audit, now) = (logouts, commandStopping, services.audit, services.now)
        logoutTries.run { [send] in
            let retrying = await withTaskGroup(of: Bool.self) { group in
                for session in sessions { group.addTask { await logouts.logOut(session, reason: reason) } }
                return await group.reduce(0) { count, loggedOut in loggedOut ? count : count + 1 }
            }
            guard let attempt else { return }
            send(.teardownFinished(attempt: attempt))
            await commandStop?.value
            let elapsed = ContinuousClock.now - start
            let milliseconds = Int(elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
            audit?.record(.teardownComplete(reason: reason, milliseconds: milliseconds, logoutsRetrying: retrying), at: now())
        }
    }

    /// The logouts whose first try is still under way.
    var logoutsUnderWay: [Task<Void, Never>] { logoutTries.running }

    /// The session commands being stopped, each for at most about three seconds.
    var sessionCommandsStopping: [Task<Void, Never>] { sessionCommandStops.running }

    private func run(_ work: @escaping @Sendable () async -> Void) {
        inFlight.removeAll { $0.isCancelled }
        inFlight.append(Task { await work() })
    }
}
