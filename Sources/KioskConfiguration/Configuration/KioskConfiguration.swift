import FoundationEssentials
import KioskCore
import PKCS1

/// The kiosk's validated configuration: what `/etc/cmc-kiosk/config.toml` says, with every
/// default filled in. See `docs/configuration.md` for the file.
public struct KioskConfiguration: Equatable, Sendable {
    public var environment: KioskEnvironment
    /// Sent to Spine and the portal to name this terminal.
    public var deviceID: String
    /// A theme name (looked up in the themes directory) or a path to a theme file.
    public var theme: String
    public var endpoints: Endpoints
    /// `[endpoints] user_agent`: the User-Agent of every request to GAS and the portal; nil
    /// leaves the kiosk's own, `cmc-kiosk/VERSION`.
    public var userAgent: String?
    /// Use only readers whose name contains this; empty means any reader.
    public var readerName: String
    public var card: Card
    public var helpdesk: Helpdesk
    public var keys: KeyBindings
    public var network: Network
    /// The program started once a user is signed in; nil when the kiosk only shows the session.
    public var session: Session?
    public var audit: Audit
    /// What the passcode field shows as keys are pressed.
    public var passcodeEcho: PasscodeEcho = .indicator
    public var display = DisplayOptions()

    /// Where the kiosk authenticates and opens its portal session.
    public enum Endpoints: Equatable, Sendable {
        /// Demo: the built-in GAS and portal simulators on loopback.
        case builtInSimulator
        /// Real (or stand-alone simulator) servers.
        case remote(gas: URL, portal: URL, caFile: String?)
    }

    /// How the card is used.
    public struct Card: Equatable, Sendable {
        /// The digest of the challenge the card signs: SHA-1, as every public GAS client sends,
        /// unless the file asks for SHA-256.
        public var signatureDigest: SignatureDigest
        /// ATRs of the cards that may be used, as bytes; nil accepts any card.
        public var atrAllowlist: [[UInt8]]?
        /// How the kiosk talks to the card.
        public var backend: CardBackend = .profile
    }

    /// Who users are told to contact, e.g. when their card's UID is not registered with CMC.
    public struct Helpdesk: Equatable, Sendable {
        public var email: String
        public var phone: String
    }

    /// Time limits for requests to Spine and the portal, and the proxy they go through.
    public struct Network: Equatable, Sendable {
        public var connectTimeoutSeconds: Int
        public var requestTimeoutSeconds: Int
        /// How long GAS takes the answer to a challenge; the kiosk fetches one while the passcode
        /// is typed and replaces it at half this age.
        public var challengeLifetimeSeconds: Int
        /// nil leaves proxies to the environment (`https_proxy`, `no_proxy`…).
        public var proxy: Proxy?
    }

    /// The session command: an argv started after sign-in and ended at logout.
    public struct Session: Equatable, Sendable {
        /// The program (an absolute path) and its arguments, with their placeholders.
        public var command: CommandTemplate
        /// Whether the kiosk logs out when the command ends by itself.
        public var logoutWhenCommandExits: Bool
        /// Whether the command takes over the terminal while it runs.
        public var needsTerminal: Bool
        /// `user`: the unprivileged user the command runs as, with a fresh home for every
        /// session; nil runs it as the kiosk's own user with the kiosk's HOME, as before.
        public var user: User?
        /// `home_base`: the folder in which each session's home is made (with `user` only).
        public var homeBase: String

        /// Under the unit's `StateDirectory=cmc-kiosk`.
        public static let defaultHomeBase = "/var/lib/cmc-kiosk/sessions"

        /// The longest `home_base`, in bytes. Programs make sockets in the session's `TMPDIR`
        /// (`<home_base>/<16 hex digits>/tmp`), and a socket's path holds at most 107 bytes:
        /// Chromium's profile lock, 45 bytes below `TMPDIR`, does not start beyond this.
        public static let homeBaseLimit = 40

        /// A user named in the file. Whether this machine has it is checked at start-up, not
        /// while the file is read: the line is kept so that the check can name it.
        public struct User: Equatable, Sendable {
            public var name: String
            /// The line of `user` in the file.
            public var line: Int?

            public init(name: String, line: Int? = nil) {
                self.name = name
                self.line = line
            }
        }

        public init(
            command: CommandTemplate, logoutWhenCommandExits: Bool = true, needsTerminal: Bool = false,
            user: User? = nil, homeBase: String = Session.defaultHomeBase
        ) {
            self.command = command
            self.logoutWhenCommandExits = logoutWhenCommandExits
            self.needsTerminal = needsTerminal
            self.user = user
            self.homeBase = homeBase
        }
    }

    /// Where the audit trail goes.
    public struct Audit: Equatable, Sendable {
        /// The JSON-lines file; nil writes none (only `--demo`, which needs no set-up).
        public var path: String?
        public var syslog: Bool
    }
}
