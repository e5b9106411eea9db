import FoundationEssentials
import KioskCore
import KioskNetwork
import PKCS1
import SmartCard

/// The outside world as the kiosk's shell reaches it: the card readers and the servers.
public struct KioskServices: Sendable {
    /// The card backend: the kiosk's profile (a ``CardConnector``) or a PKCS#11 module.
    public var cards: any TokenBackend
    public var engine: HTTPEngine
    public var gasURL: String
    public var portalURL: String
    public var environment: KioskEnvironment
    public var deviceID: String
    public var clientIP: String
    public var signatureDigest: SignatureDigest
    /// How long GAS takes the answer to a challenge: one fetched ahead is replaced at half of it.
    public var challengeLifetime: Duration
    /// Where the audit trail goes; none in tests that do not look at it.
    public var audit: AuditLog?
    /// Wall-clock time, for the card certificate's expiry.
    public var now: @Sendable () -> Date
    /// The command started after sign-in, if any.
    public var sessionCommand: SessionCommandSettings?
    /// The kiosk's terminal, for a session command that needs it.
    public var terminal: TerminalHandover?

    public init(
        cards: any TokenBackend, engine: HTTPEngine, gasURL: String, portalURL: String,
        environment: KioskEnvironment, deviceID: String, clientIP: String = "127.0.0.1",
        signatureDigest: SignatureDigest, challengeLifetime: Duration = .seconds(60), audit: AuditLog? = nil,
        now: @escaping @Sendable () -> Date = Date.init, sessionCommand: SessionCommandSettings? = nil,
        terminal: TerminalHandover? = nil
    ) {
        self.cards = cards
        self.engine = engine
        self.gasURL = gasURL
        self.portalURL = portalURL
        self.environment = environment
        self.deviceID = deviceID
        self.clientIP = clientIP
        self.signatureDigest = signatureDigest
        self.challengeLifetime = challengeLifetime
        self.audit = audit
        self.now = now
        self.sessionCommand = sessionCommand
        self.terminal = terminal
    }
}
