import Glibc
import KioskCore

/// The optional command the kiosk starts after sign-in, such as a browser in kiosk mode.
public struct SessionCommandSettings: Equatable, Sendable {
    /// The program (an absolute path) and its arguments, with their placeholders.
    public var command: CommandTemplate
    /// Whether the kiosk logs out when the command ends by itself.
    public var logoutWhenCommandExits: Bool
    /// Whether the command takes over the terminal while it runs.
    public var needsTerminal: Bool
    /// How its processes are kept together for the teardown; not configurable, but tests choose.
    public var containment: SessionContainmentChoice
    /// The user the command runs as, with a fresh home for each session; nil runs it as the
    /// kiosk's own user with the kiosk's `HOME`.
    public var user: SessionUser?

    public init(
        command: CommandTemplate, logoutWhenCommandExits: Bool = true, needsTerminal: Bool = false,
        containment: SessionContainmentChoice = .automatic, user: SessionUser? = nil
    ) {
        self.command = command
        self.logoutWhenCommandExits = logoutWhenCommandExits
        self.needsTerminal = needsTerminal
        self.containment = containment
        self.user = user
    }
}

/// `[session] user` and `home_base`, as found on this machine at start-up.
public struct SessionUser: Equatable, Sendable {
    public var identity: SessionIdentity
    /// The folder in which each session's home is made.
    public var homeBase: String

    public init(identity: SessionIdentity, homeBase: String) {
        self.identity = identity
        self.homeBase = homeBase
    }

    /// Checks, at start-up, that the kiosk can run commands as this user: the capabilities it
    /// needs, `setpriv`, and the homes' folder (made if it is not there). Each problem in one line.
    public func checkKioskCanSwitch() throws(SessionHomeError) {
        let missing = KioskCapabilities.missing
        guard missing.isEmpty else {
            throw SessionHomeError("[session] user needs the capabilities CAP_SETUID CAP_SETGID CAP_KILL CAP_CHOWN "
                + "CAP_DAC_OVERRIDE, and this process lacks \(missing.joined(separator: " ")): start it from the unit in "
                + "deploy/ (AmbientCapabilities=) or as root")
        }
        guard access(SessionIdentity.setpriv, X_OK) == 0 else {
            throw SessionHomeError("[session] user needs \(SessionIdentity.setpriv) (util-linux), which is not there")
        }
        try SessionHomes.prepare(base: homeBase)
    }
}

/// The environment a session command starts with: a few variables of the kiosk's own, never the
/// rest, and what the command needs to know of the session. Never a ticket or a cookie.
struct SessionCommandEnvironment: Equatable {
    /// The kiosk's variables passed on when set.
    static let inherited = [
        "PATH", "HOME", "LANG", "TERM", "DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY",
        // A browser on a proxied thin client reaches the portal the way the kiosk does.
        "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY",
    ]

    var portalURL: String?
    var handoffURL: String?
    var uid: String
    var roleID: String
    var displayName: String

    init(_ launch: SessionLaunch, handoffURL: String?) {
        portalURL = launch.portalURL
        self.handoffURL = handoffURL
        uid = launch.uid
        roleID = launch.roleID
        displayName = launch.displayName
    }

    /// The values the command line's placeholders stand for; the portal may give no hand-off
    /// URL, or no front-end address.
    var placeholderValues: [CommandTemplate.Placeholder: String] {
        var values: [CommandTemplate.Placeholder: String] = [.uid: uid, .roleID: roleID]
        values[.portalURL] = portalURL
        values[.handoffURL] = handoffURL
        return values
    }

    /// The variables, with those inherited from `kiosk` (the kiosk's own environment).
    func variables(inheritingFrom kiosk: [String: String]) -> [String: String] {
        var variables = kiosk.filter { Self.inherited.contains($0.key) }
        if variables["PATH"] == nil { variables["PATH"] = "/usr/bin:/bin" }
        variables["CMC_UID"] = uid
        variables["CMC_ROLE_ID"] = roleID
        variables["CMC_DISPLAY_NAME"] = displayName
        variables["CMC_PORTAL_URL"] = portalURL
        variables["CMC_HANDOFF_URL"] = handoffURL
        return variables
    }
}

/// How the kiosk lends its terminal to a session command that needs it, and takes it back.
public struct TerminalHandover: Sendable {
    /// Stops drawing and reading; returns once the terminal is free.
    public var suspend: @Sendable () -> Void
    /// Takes the terminal back and redraws.
    public var resume: @Sendable () -> Void

    public init(suspend: @escaping @Sendable () -> Void, resume: @escaping @Sendable () -> Void) {
        self.suspend = suspend
        self.resume = resume
    }
}
