import KioskCore
import PKCS1

extension KioskConfiguration.Card {
    /// SHA-1, as every public GAS client and the one public capture of the Identity Agent sign;
    /// any card.
    static let standard = Self(signatureDigest: .sha1, atrAllowlist: nil)

    static func read(from document: TOMLDocument) throws(Problem) -> Self {
        var card = standard
        if let field = document.field("signature_digest", in: ["card"]) {
            let name = try field.string()
            guard let digest = SignatureDigest(rawValue: name) else {
                throw field.problem("\"\(name)\" is not a digest; use sha1 or sha256")
            }
            card.signatureDigest = digest
        }
        if let field = document.field("atr_allowlist", in: ["card"]) {
            let texts = try field.strings()
            guard !texts.isEmpty else {
                throw field.problem("an empty list would refuse every card; leave the key out to accept any card")
            }
            var atrs: [[UInt8]] = []
            for text in texts {
                guard let atr = ATR.bytes(text) else {
                    throw field.problem("\"\(text)\" is not an ATR: 2 to 33 bytes in hex, e.g. \"3B 7F 96 00 00 80 31\"")
                }
                atrs.append(atr)
            }
            card.atrAllowlist = atrs
        }
        card.backend = try CardBackend.read(from: document)
        return card
    }
}

/// ATRs written as hex, optionally with spaces or colons between bytes.
enum ATR {
    static func bytes(_ text: String) -> [UInt8]? {
        let hex = text.filter { $0 != " " && $0 != ":" }
        guard hex.count.isMultiple(of: 2), (4...66).contains(hex.count), hex.allSatisfy({ $0.isASCII && $0.isHexDigit }) else {
            return nil
        }
        let characters = Array(hex)
        return stride(from: 0, to: characters.count, by: 2).compactMap {
            UInt8(String(characters[$0...$0 + 1]), radix: 16)
        }
    }
}

extension KioskConfiguration.Helpdesk {
    /// The CMC helpdesk, from the CMC user guide.
    static let standard = Self(email: "coordinatemycare@nhs.net", phone: "020 7811 8513")

    static func read(from document: TOMLDocument) throws(Problem) -> Self {
        var helpdesk = standard
        if let field = document.field("email", in: ["helpdesk"]) {
            let email = try field.string()
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
                  !email.contains(where: { $0.isWhitespace }) else {
                throw field.problem("\"\(email)\" is not an e-mail address")
            }
            helpdesk.email = email
        }
        if let field = document.field("phone", in: ["helpdesk"]) {
            let phone = try field.string()
            guard phone.contains(where: \.isNumber), phone.count <= 40,
                  phone.allSatisfy({ $0.isNumber || " +-()".contains($0) }) else {
                throw field.problem("\"\(phone)\" is not a phone number (digits, spaces, + - and brackets)")
            }
            helpdesk.phone = phone
        }
        return helpdesk
    }
}

extension KioskConfiguration.Network {
    static let standard = Self(connectTimeoutSeconds: 5, requestTimeoutSeconds: 15, challengeLifetimeSeconds: 60)

    static func read(from document: TOMLDocument) throws(Problem) -> Self {
        var network = standard
        if let field = document.field("connect_timeout_seconds", in: ["network"]) {
            network.connectTimeoutSeconds = try seconds(field, in: 1...60)
        }
        if let field = document.field("request_timeout_seconds", in: ["network"]) {
            network.requestTimeoutSeconds = try seconds(field, in: 1...300)
            guard network.requestTimeoutSeconds >= network.connectTimeoutSeconds else {
                throw field.problem("must be at least network.connect_timeout_seconds (\(network.connectTimeoutSeconds))")
            }
        }
        if let field = document.field("challenge_lifetime_seconds", in: ["network"]) {
            network.challengeLifetimeSeconds = try seconds(field, in: 10...3600)
        }
        network.proxy = try KioskConfiguration.Proxy.read(from: document)
        return network
    }

    private static func seconds(_ field: Field, in range: ClosedRange<Int>) throws(Problem) -> Int {
        let value = try field.integer()
        guard range.contains(value) else {
            throw field.problem("\(value) is out of range; use \(range.lowerBound) to \(range.upperBound) seconds")
        }
        return value
    }
}

extension KioskConfiguration.Session {
    /// The optional `[session]` table; when present it must name a command.
    static func read(from document: TOMLDocument) throws(Problem) -> Self? {
        guard document.hasTable(["session"]) else { return nil }
        guard let field = document.field("command", in: ["session"]) else {
            throw Problem(
                line: document.tables[["session"]]?.line, key: "session.command",
                "required when [session] is present")
        }
        let command = try field.strings()
        guard let program = command.first, !program.isEmpty else {
            throw field.problem("must name a program: [\"/usr/bin/program\", \"argument\", …]")
        }
        guard program.hasPrefix("/") else {
            throw field.problem("the program must be an absolute path (the kiosk does not search PATH)")
        }
        let template: CommandTemplate
        do {
            template = try CommandTemplate(command)
        } catch {
            throw field.problem("\(error)")
        }
        var session = Self(
            command: template,
            logoutWhenCommandExits: try document.field("logout_when_command_exits", in: ["session"])?.boolean() ?? true,
            needsTerminal: try document.field("needs_terminal", in: ["session"])?.boolean() ?? false)
        if let field = document.field("user", in: ["session"]) {
            let name = try field.string()
            guard isUserName(name) else {
                throw field.problem("\"\(name)\" is not a user name: 1 to 32 lower-case letters, digits, _ and -, "
                    + "starting with a letter or _")
            }
            session.user = User(name: name, line: field.line)
        }
        if let field = document.field("home_base", in: ["session"]) {
            let path = try field.string()
            guard session.user != nil else {
                throw field.problem("the homes are made for session.user: set it too, or leave home_base out")
            }
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard path.hasPrefix("/"), !path.hasSuffix("/"),
                  !parts.dropFirst().contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }),
                  !path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else {
                throw field.problem("must be the absolute path of a folder, such as \"\(defaultHomeBase)\" "
                    + "(no trailing /, no . or .. parts)")
            }
            guard path.utf8.count <= homeBaseLimit else {
                throw field.problem("at most \(homeBaseLimit) bytes long, as \"\(defaultHomeBase)\" is: programs "
                    + "make sockets in each session's TMPDIR beneath it, and a socket's path is at most 107 bytes")
            }
            session.homeBase = path
        }
        return session
    }

    /// The names `useradd` takes by default (Debian's NAME_REGEX): a letter or _, then letters,
    /// digits, _ and -, in lower case; at most 32 characters, as the utmp record allows.
    static func isUserName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, (1...32).contains(scalars.count),
              ("a"..."z").contains(first) || first == "_"
        else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }
}

extension KioskConfiguration.Audit {
    static let defaultPath = "/var/log/cmc-kiosk/audit.jsonl"

    static func read(from document: TOMLDocument) throws(Problem) -> Self {
        var audit = Self(path: defaultPath, syslog: true)
        if let field = document.field("path", in: ["audit"]) {
            let path = try field.string()
            guard path.hasPrefix("/"), !path.hasSuffix("/") else {
                throw field.problem("must be the absolute path of a file")
            }
            audit.path = path
        }
        if let field = document.field("syslog", in: ["audit"]) {
            audit.syslog = try field.boolean()
        }
        return audit
    }
}
