import KioskCore

extension KioskConfiguration {
    /// The default configuration file.
    public static let defaultPath = "/etc/cmc-kiosk/config.toml"

    /// Reads and validates the configuration file at `path`. `hostName` is the default device id.
    public static func load(path: String, hostName: String) throws(ConfigurationError) -> KioskConfiguration {
        do {
            return try read(SourceFile.document(at: path), hostName: hostName)
        } catch {
            throw ConfigurationError(file: path, error)
        }
    }

    /// Reads and validates configuration text, as ``load(path:hostName:)`` does a file's contents;
    /// errors name `file`. Public for the fuzz targets (`Fuzz/`), which feed it arbitrary text.
    public static func parse(
        _ text: String, file: String = "config.toml", hostName: String
    ) throws(ConfigurationError) -> KioskConfiguration {
        do {
            return try read(SourceFile.document(parsing: text), hostName: hostName)
        } catch {
            throw ConfigurationError(file: file, error)
        }
    }

    /// The configuration of `--demo`: built-in simulators, the training theme, no audit file.
    public static func demo(hostName: String) -> KioskConfiguration {
        KioskConfiguration(
            environment: .demo,
            deviceID: isValidDeviceID(hostName) ? hostName : "cmc-kiosk-demo",
            theme: KioskEnvironment.demo.defaultTheme,
            endpoints: .builtInSimulator,
            userAgent: nil,
            readerName: "",
            card: .standard,
            helpdesk: .standard,
            keys: KeyBindings(),
            network: .standard,
            session: nil,
            audit: Audit(path: nil, syslog: false))
    }

    /// Validates a parsed file; internal so that tests can give text without a file.
    static func read(_ document: TOMLDocument, hostName: String) throws(Problem) -> KioskConfiguration {
        try schema.check(document)
        let environment = try readEnvironment(document)
        return KioskConfiguration(
            environment: environment,
            deviceID: try readDeviceID(document, hostName: hostName),
            theme: try readTheme(document, environment: environment),
            endpoints: try Endpoints.read(from: document, environment: environment),
            userAgent: try readUserAgent(document),
            readerName: try readReaderName(document),
            card: try Card.read(from: document),
            helpdesk: try Helpdesk.read(from: document),
            keys: try KeyBindings.read(from: document, environment: environment),
            network: try Network.read(from: document),
            session: try Session.read(from: document),
            audit: try Audit.read(from: document),
            passcodeEcho: try readPasscodeEcho(document),
            display: try readDisplay(document))
    }

    static let schema = Schema(tables: [
        []: ["environment", "device_id", "theme"],
        ["endpoints"]: ["gas_url", "portal_url", "ca_file", "user_agent"],
        ["reader"]: ["name"],
        ["card"]: ["signature_digest", "atr_allowlist", "backend", "pkcs11_module"],
        ["helpdesk"]: ["email", "phone"],
        ["keys"]: ["logout", "stay_signed_in", "give_up", "demo_insert", "demo_remove"],
        // proxy_password is known only to be refused with a pointer to proxy_password_file.
        ["network"]: ["connect_timeout_seconds", "request_timeout_seconds", "challenge_lifetime_seconds", "proxy_password"]
            + Proxy.keys,
        ["session"]: ["command", "logout_when_command_exits", "needs_terminal", "user", "home_base"],
        ["audit"]: ["path", "syslog"],
        ["passcode"]: ["echo"],
        ["display"]: ["accessible", "bell"],
    ])

    private static func readEnvironment(_ document: TOMLDocument) throws(Problem) -> KioskEnvironment {
        guard let field = document.field("environment") else {
            throw Problem(key: "environment", "required: live, test, training or demo")
        }
        let name = try field.string()
        guard let environment = KioskEnvironment(rawValue: name) else {
            throw field.problem("\"\(name)\" is not an environment; use live, test, training or demo")
        }
        return environment
    }

    private static func readDeviceID(_ document: TOMLDocument, hostName: String) throws(Problem) -> String {
        guard let field = document.field("device_id") else {
            guard isValidDeviceID(hostName) else {
                throw Problem(
                    key: "device_id",
                    "the host name \"\(hostName)\" cannot be used as the device id; set device_id")
            }
            return hostName
        }
        let id = try field.string()
        guard isValidDeviceID(id) else {
            throw field.problem("use 1 to 64 letters, digits, dots, hyphens and underscores")
        }
        return id
    }

    /// Device ids travel inside Spine's `device_id` parameter, where commas and spaces would
    /// break its `{id},ClientIP={ip}` form.
    static func isValidDeviceID(_ id: String) -> Bool {
        (1...64).contains(id.count) && id.unicodeScalars.allSatisfy { $0.isNameCharacter(orOneOf: ".-_") }
    }

    private static func readTheme(_ document: TOMLDocument, environment: KioskEnvironment) throws(Problem) -> String {
        guard let field = document.field("theme") else { return environment.defaultTheme }
        let theme = try field.string()
        guard ThemeReference(theme) != nil else {
            throw field.problem("\"\(theme)\" is neither a theme name (letters, digits, - and _) nor a path to a .toml file")
        }
        return theme
    }

    /// At most this many characters: a User-Agent names a program, it is not a place for data.
    static let userAgentLimit = 200

    private static func readUserAgent(_ document: TOMLDocument) throws(Problem) -> String? {
        guard let field = document.field("user_agent", in: ["endpoints"]) else { return nil }
        let userAgent = try field.string()
        guard (1...userAgentLimit).contains(userAgent.utf8.count),
            userAgent.utf8.allSatisfy({ (0x20...0x7E).contains($0) })
        else {
            throw field.problem("use 1 to \(userAgentLimit) printable ASCII characters (letters, digits, spaces and punctuation)")
        }
        return userAgent
    }

    private static func readReaderName(_ document: TOMLDocument) throws(Problem) -> String {
        guard let field = document.field("name", in: ["reader"]) else { return "" }
        let name = try field.string()
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw field.problem("must not contain control characters")
        }
        return name
    }
}
