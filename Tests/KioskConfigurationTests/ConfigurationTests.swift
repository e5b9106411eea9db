import Foundation
@testable import KioskConfiguration
import KioskCore
import PKCS1
import Testing

@Suite struct ConfigurationTests {
    @Test func liveDefaultsFillEveryKey() throws {
        let config = try #require(configuration(#"environment = "live""#).value)
        #expect(config.environment == .live)
        #expect(config.deviceID == "ward7-kiosk-2")
        #expect(config.theme == "nhs")
        #expect(config.endpoints == .remote(
            gas: URL(string: "https://gas.national.ncrs.nhs.uk")!,
            portal: URL(string: "https://nww.coordinatemycare.net")!, caFile: nil))
        #expect(config.readerName == "")
        #expect(config.userAgent == nil)
        #expect(config.card == .init(signatureDigest: .sha1, atrAllowlist: nil))
        #expect(config.helpdesk == .init(email: "coordinatemycare@nhs.net", phone: "020 7811 8513"))
        #expect(config.keys == KeyBindings())
        #expect(config.keys.logout == .function(10) && config.keys.staySignedIn == .enter && config.keys.giveUp == .escape)
        #expect(config.network == .init(connectTimeoutSeconds: 5, requestTimeoutSeconds: 15, challengeLifetimeSeconds: 60))
        #expect(config.session == nil)
        #expect(config.audit == .init(path: "/var/log/cmc-kiosk/audit.jsonl", syslog: true))
    }

    @Test func testUsesDevBAndTheNHSTheme() throws {
        let config = try #require(configuration(#"environment = "test""#).value)
        #expect(config.endpoints == .remote(
            gas: URL(string: "https://gas.vn03.national.ncrs.nhs.uk")!,
            portal: URL(string: "https://nww-devb.coordinatemycare.net")!, caFile: nil))
        #expect(config.theme == "nhs")
    }

    @Test func trainingNeedsAPortalURLAndSaysWhy() throws {
        #expect(configurationError(#"environment = "training""#) == """
            config.toml: endpoints.portal_url: required for environment = "training": no public training address \
            is known, so set the one your CMC contact gives you
            """)
        let config = try #require(configuration("""
            environment = "training"
            [endpoints]
            portal_url = "https://cmc-training.example.nhs.uk"
            """).value)
        #expect(config.endpoints == .remote(
            gas: URL(string: "https://gas.tsp.national.ncrs.nhs.uk")!,
            portal: URL(string: "https://cmc-training.example.nhs.uk")!, caFile: nil))
        #expect(config.theme == "training")
    }

    @Test func demoUsesTheBuiltInSimulatorAndRefusesEndpoints() throws {
        let config = try #require(configuration(#"environment = "demo""#).value)
        #expect(config.endpoints == .builtInSimulator)
        #expect(config.theme == "training")
        #expect(configurationError("""
            environment = "demo"
            [endpoints]
            gas_url = "https://gas.example"
            """) == #"config.toml:3: endpoints.gas_url: environment = "demo" uses the built-in simulator; remove [endpoints]"#)
    }

    @Test func demoWithoutAFile() {
        let config = KioskConfiguration.demo(hostName: "laptop")
        #expect(config.environment == .demo && config.environment.bannerText == "DEMO")
        #expect(config.deviceID == "laptop")
        #expect(config.endpoints == .builtInSimulator)
        #expect(config.theme == "training")
        #expect(config.audit == .init(path: nil, syslog: false))
        #expect(config.card.signatureDigest == .sha1 && config.userAgent == nil)
        #expect(config.keys.demoInsert == .function(2) && config.keys.demoRemove == .function(3))
        #expect(KioskConfiguration.demo(hostName: "bad host,name").deviceID == "cmc-kiosk-demo")
    }

    @Test func userAgentIsPrintableASCIIOfBoundedLength() throws {
        let identityAgent = "Mozilla/4.0(compatible;IE;GACv10. 0. 0. 1)"
        let config = try #require(configuration("""
            environment = "test"
            [endpoints]
            user_agent = "\(identityAgent)"
            """).value)
        #expect(config.userAgent == identityAgent)
        #expect(configuration("environment = \"test\"\n[endpoints]\nuser_agent = \"\(String(repeating: "a", count: 200))\"")
            .value?.userAgent?.count == 200)
        let rule = "use 1 to 200 printable ASCII characters (letters, digits, spaces and punctuation)"
        for value in ["", String(repeating: "a", count: 201), "cmc-kiosk/1.0\\nX-Evil: 1", "kiosk\\t1", "Kiosk-Å"] {
            #expect(configurationError("environment = \"test\"\n[endpoints]\nuser_agent = \"\(value)\"")
                == "config.toml:3: endpoints.user_agent: \(rule)", "\(value)")
        }
        #expect(configurationError("environment = \"test\"\n[endpoints]\nuser_agent = 4")
            == "config.toml:3: endpoints.user_agent: expected a quoted string, found an integer")
        #expect(configurationError("environment = \"demo\"\n[endpoints]\nuser_agent = \"x\"")
            == #"config.toml:3: endpoints.user_agent: environment = "demo" uses the built-in simulator; remove [endpoints]"#)
    }

    @Test func endpointsOverrideTheDefaults() throws {
        let config = try #require(configuration("""
            environment = "live"
            [endpoints]
            gas_url = "https://gas.proxy.trust.nhs.uk:8443/base"
            ca_file = "/etc/cmc-kiosk/ca.pem"
            """).value)
        #expect(config.endpoints == .remote(
            gas: URL(string: "https://gas.proxy.trust.nhs.uk:8443/base")!,
            portal: URL(string: "https://nww.coordinatemycare.net")!, caFile: "/etc/cmc-kiosk/ca.pem"))
    }

    @Test("plain http is allowed to loopback only", arguments: [
        ("http://127.0.0.1:8080", true),
        ("http://127.10.20.30", true),
        ("http://localhost:9000/", true),
        ("http://LOCALHOST", true),
        ("http://[::1]:8080", true),
        ("http://10.0.0.5", false),
        ("http://128.0.0.1", false),
        ("http://127.0.0.01", false),
        ("http://127.1", false),
        ("http://localhost.example.com", false),
        ("http://gas.vn03.national.ncrs.nhs.uk", false),
    ])
    func httpOnlyToLoopback(url: String, allowed: Bool) {
        let error = configurationError("""
            environment = "test"
            [endpoints]
            gas_url = "\(url)"
            """)
        if allowed {
            #expect(error == nil)
        } else {
            #expect(error == "config.toml:3: endpoints.gas_url: plain http:// is allowed only to loopback addresses")
        }
    }

    @Test("bad URLs name the key and the problem", arguments: [
        ("ftp://gas.example", "the URL must start with https://"),
        ("gas.example", #""gas.example" is not a URL such as https://host.example"#),
        ("https://", #""https://" is not a URL such as https://host.example"#),
        ("https://user:secret@gas.example", "the URL must not contain a user name or password"),
        ("https://gas.example/?debug=1", "the URL must not have a query (?…) or fragment (#…)"),
        ("https://nww.coordinatemycare.net", #"nww.coordinatemycare.net is a live service; environment = "test" must not use it"#),
    ])
    func badURLs(url: String, message: String) {
        #expect(configurationError("""
            environment = "test"
            [endpoints]
            portal_url = "\(url)"
            """) == "config.toml:3: endpoints.portal_url: \(message)")
    }

    @Test func trainingMustNotUseLiveSpine() {
        #expect(configurationError("""
            environment = "training"
            [endpoints]
            gas_url = "https://GAS.national.ncrs.nhs.uk"
            portal_url = "https://cmc-training.example.nhs.uk"
            """) == #"config.toml:3: endpoints.gas_url: GAS.national.ncrs.nhs.uk is a live service; environment = "training" must not use it"#)
    }

    @Test func caFileMustBeAbsolute() {
        #expect(configurationError("""
            environment = "live"
            [endpoints]
            ca_file = "ca.pem"
            """) == "config.toml:3: endpoints.ca_file: must be an absolute path")
    }

    @Test func environmentIsRequiredAndChecked() {
        #expect(configurationError("") == "config.toml: environment: required: live, test, training or demo")
        #expect(configurationError(#"environment = "production""#)
            == #"config.toml:1: environment: "production" is not an environment; use live, test, training or demo"#)
    }

    @Test func unknownKeysAndTablesAreErrorsWithSuggestions() {
        #expect(configurationError("""
            environment = "live"
            [endpoints]
            gas_ulr = "https://gas.example"
            """) == "config.toml:3: endpoints.gas_ulr: unknown key (did you mean endpoints.gas_url?)")
        #expect(configurationError("""
            environment = "live"
            gas_url = "https://gas.example"
            """) == "config.toml:2: gas_url: unknown key (did you mean endpoints.gas_url?)")
        #expect(configurationError("""
            environment = "live"
            [keyz]
            logout = "F9"
            """) == "config.toml:2: [keyz]: unknown table (did you mean [keys]?)")
        #expect(configurationError("""
            environment = "live"
            [printer]
            """) == "config.toml:2: [printer]: unknown table")
    }

    @Test func thereIsNoSwitchToTurnTLSVerificationOff() {
        #expect(configurationError("""
            environment = "live"
            [endpoints]
            verify_tls = false
            """) == """
            config.toml:3: endpoints.verify_tls: unknown key; TLS certificates are always verified and that cannot \
            be turned off
            """)
    }

    @Test func theFirstProblemInTheFileIsReported() {
        #expect(configurationError("""
            environment = "live"
            [reader]
            nmae = "x"
            [card]
            digest = "sha1"
            """) == "config.toml:3: reader.nmae: unknown key (did you mean reader.name?)")
    }

    @Test("wrong types say what was expected", arguments: [
        ("environment = 1", "config.toml:1: environment: expected a quoted string, found an integer"),
        ("environment = \"live\"\n[network]\nconnect_timeout_seconds = \"5\"",
         "config.toml:3: network.connect_timeout_seconds: expected a whole number, found a string"),
        ("environment = \"live\"\n[network]\nrequest_timeout_seconds = 2.5",
         "config.toml:3: network.request_timeout_seconds: expected a whole number, found a decimal number"),
        ("environment = \"live\"\n[audit]\nsyslog = \"yes\"", "config.toml:3: audit.syslog: expected true or false, found a string"),
        ("environment = \"live\"\n[session]\ncommand = \"/usr/bin/firefox\"",
         "config.toml:3: session.command: expected an array of quoted strings, found a string"),
        ("environment = \"live\"\n[card]\natr_allowlist = [\"3B00\", 1]",
         "config.toml:3: card.atr_allowlist: expected an array of quoted strings, found an integer in it"),
    ])
    func wrongTypes(text: String, message: String) {
        #expect(configurationError(text) == message)
    }

    @Test func fullWidthDigitsAreNotAnATR() {
        #expect(configurationError("environment = \"live\"\n[card]\natr_allowlist = [\"3B\u{FF10}\u{FF10}\"]")
            == "config.toml:3: card.atr_allowlist: \"3B\u{FF10}\u{FF10}\" is not an ATR: 2 to 33 bytes in hex, e.g. \"3B 7F 96 00 00 80 31\"")
    }

    @Test func syntaxErrorsGiveLineAndColumn() {
        #expect(configurationError("environment = \"live\"\n[reader]\nname = unquoted")
            == #"config.toml:3:8: "unquoted" is not a value (strings must be quoted)"#)
    }

    @Test func deviceIDDefaultsToTheHostNameAndIsChecked() throws {
        #expect(configuration(#"environment = "live""#, hostName: "kiosk-3.ward7").value?.deviceID == "kiosk-3.ward7")
        #expect(configuration("environment = \"live\"\ndevice_id = \"ward7-kiosk-2\"", hostName: "x").value?.deviceID
            == "ward7-kiosk-2")
        #expect(configurationError(#"environment = "live""#, hostName: "")
            == #"config.toml: device_id: the host name "" cannot be used as the device id; set device_id"#)
        #expect(configurationError("environment = \"live\"\ndevice_id = \"ward 7, kiosk\"")
            == "config.toml:2: device_id: use 1 to 64 letters, digits, dots, hyphens and underscores")
    }

    @Test func themeIsANameOrAPath() {
        #expect(configuration("environment = \"live\"\ntheme = \"high-contrast\"").value?.theme == "high-contrast")
        #expect(configuration("environment = \"live\"\ntheme = \"/etc/cmc-kiosk/trust.toml\"").value?.theme
            == "/etc/cmc-kiosk/trust.toml")
        #expect(configuration("environment = \"live\"\ntheme = \"trust.toml\"").value?.theme == "trust.toml")
        #expect(configurationError("environment = \"live\"\ntheme = \"my theme\"") == """
            config.toml:2: theme: "my theme" is neither a theme name (letters, digits, - and _) nor a path to a .toml file
            """)
    }

    @Test func readerAndCard() throws {
        let config = try #require(configuration("""
            environment = "live"
            [reader]
            name = "OMNIKEY"
            [card]
            signature_digest = "sha256"
            atr_allowlist = ["3B 7F 96 00 00 80 31 B8 65 B0", "3b:dc:18:ff"]
            """).value)
        #expect(config.readerName == "OMNIKEY")
        #expect(config.card.signatureDigest == SignatureDigest.sha256)
        #expect(config.card.atrAllowlist == [
            [0x3B, 0x7F, 0x96, 0x00, 0x00, 0x80, 0x31, 0xB8, 0x65, 0xB0], [0x3B, 0xDC, 0x18, 0xFF],
        ])
    }

    @Test("card values are checked", arguments: [
        (#"signature_digest = "md5""#, #"card.signature_digest: "md5" is not a digest; use sha1 or sha256"#),
        (#"atr_allowlist = ["3B 7G"]"#, #"card.atr_allowlist: "3B 7G" is not an ATR: 2 to 33 bytes in hex, e.g. "3B 7F 96 00 00 80 31""#),
        (#"atr_allowlist = ["3B7"]"#, #"card.atr_allowlist: "3B7" is not an ATR: 2 to 33 bytes in hex, e.g. "3B 7F 96 00 00 80 31""#),
        ("atr_allowlist = []", "card.atr_allowlist: an empty list would refuse every card; leave the key out to accept any card"),
    ])
    func cardValues(line: String, message: String) {
        #expect(configurationError("environment = \"live\"\n[card]\n\(line)") == "config.toml:3: \(message)")
    }

    @Test func helpdesk() {
        let config = configuration("""
            environment = "live"
            [helpdesk]
            email = "it.servicedesk@trust.nhs.uk"
            phone = "+44 (0)20 7123 4567"
            """).value
        #expect(config?.helpdesk == .init(email: "it.servicedesk@trust.nhs.uk", phone: "+44 (0)20 7123 4567"))
        #expect(configurationError("environment = \"live\"\n[helpdesk]\nemail = \"helpdesk\"")
            == #"config.toml:3: helpdesk.email: "helpdesk" is not an e-mail address"#)
        #expect(configurationError("environment = \"live\"\n[helpdesk]\nphone = \"call us\"")
            == #"config.toml:3: helpdesk.phone: "call us" is not a phone number (digits, spaces, + - and brackets)"#)
    }

    @Test func network() {
        #expect(configuration("""
            environment = "live"
            [network]
            connect_timeout_seconds = 10
            request_timeout_seconds = 60
            challenge_lifetime_seconds = 30
            """).value?.network == .init(connectTimeoutSeconds: 10, requestTimeoutSeconds: 60, challengeLifetimeSeconds: 30))
        #expect(configurationError("environment = \"live\"\n[network]\nchallenge_lifetime_seconds = 5")
            == "config.toml:3: network.challenge_lifetime_seconds: 5 is out of range; use 10 to 3600 seconds")
        #expect(configurationError("environment = \"live\"\n[network]\nconnect_timeout_seconds = 0")
            == "config.toml:3: network.connect_timeout_seconds: 0 is out of range; use 1 to 60 seconds")
        #expect(configurationError("environment = \"live\"\n[network]\nrequest_timeout_seconds = 3600")
            == "config.toml:3: network.request_timeout_seconds: 3600 is out of range; use 1 to 300 seconds")
        #expect(configurationError("environment = \"live\"\n[network]\nconnect_timeout_seconds = 20\nrequest_timeout_seconds = 10")
            == "config.toml:4: network.request_timeout_seconds: must be at least network.connect_timeout_seconds (20)")
    }

    @Test func session() throws {
        let config = try #require(configuration("""
            environment = "live"
            [session]
            command = ["/usr/bin/w3m", "-no-cookie"]
            """).value)
        #expect(config.session == .init(command: try CommandTemplate(["/usr/bin/w3m", "-no-cookie"]), logoutWhenCommandExits: true, needsTerminal: false))
        #expect(configuration("""
            environment = "live"
            [session]
            command = ["/usr/bin/w3m"]
            logout_when_command_exits = false
            needs_terminal = true
            """).value?.session == .init(command: try CommandTemplate(["/usr/bin/w3m"]), logoutWhenCommandExits: false, needsTerminal: true))
        #expect(configurationError("environment = \"live\"\n[session]\nneeds_terminal = true")
            == "config.toml:2: session.command: required when [session] is present")
        #expect(configurationError("environment = \"live\"\n[session]\ncommand = []")
            == #"config.toml:3: session.command: must name a program: ["/usr/bin/program", "argument", …]"#)
        #expect(configurationError("environment = \"live\"\n[session]\ncommand = [\"firefox\"]")
            == "config.toml:3: session.command: the program must be an absolute path (the kiosk does not search PATH)")
        #expect(configurationError("environment = \"live\"\n[session]\ncommand = [\"/usr/bin/w3m\", \"{portal}\"]")
            == "config.toml:3: session.command: unknown placeholder {portal}: the placeholders are {portal_url}, "
                + "{handoff_url}, {uid}, {role_id} (write {{ and }} for a literal brace)")
        #expect(configurationError("environment = \"live\"\n[session]\ncommand = [\"/usr/bin/w3m\", \"{handoff_url\"]")
            == "config.toml:3: session.command: argument 2 has a { with no closing } (write {{ for a literal brace)")
    }

    @Test func audit() {
        #expect(configuration("""
            environment = "live"
            [audit]
            path = "/srv/audit/kiosk.jsonl"
            syslog = false
            """).value?.audit == .init(path: "/srv/audit/kiosk.jsonl", syslog: false))
        #expect(configurationError("environment = \"live\"\n[audit]\npath = \"audit.jsonl\"")
            == "config.toml:3: audit.path: must be the absolute path of a file")
    }

    @Test func loadReadsTheFileAndNamesItInErrors() throws {
        let directory = try temporaryDirectory()
        let path = directory.appending(path: "config.toml").path
        try "environment = \"test\"\n[endpoints]\ngas_url = \"http://gas.example\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError.self) { try KioskConfiguration.load(path: path, hostName: "h") }
        do {
            _ = try KioskConfiguration.load(path: path, hostName: "h")
        } catch {
            #expect(error.description == "\(path):3: endpoints.gas_url: plain http:// is allowed only to loopback addresses")
            #expect(error.file == path && error.line == 3 && error.key == "endpoints.gas_url")
        }
        try "environment = \"test\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try KioskConfiguration.load(path: path, hostName: "h").environment == .test)
    }

    @Test func aMissingOrUnreadableFileSaysSo() throws {
        let directory = try temporaryDirectory()
        func failure(_ path: String) -> String? {
            do {
                _ = try KioskConfiguration.load(path: path, hostName: "h")
                return nil
            } catch {
                return error.description
            }
        }
        #expect(failure(directory.appending(path: "none.toml").path) == "\(directory.appending(path: "none.toml").path): no such file")
        #expect(failure(directory.path) == "\(directory.path): is a directory, not a file")
        let binary = directory.appending(path: "binary.toml")
        try Data([0x65, 0xFF, 0xFE]).write(to: binary)
        #expect(failure(binary.path) == "\(binary.path): is not UTF-8 text")
    }
}

@Suite struct SuggestionTests {
    @Test("edit distance counts a swap of neighbours as one edit", arguments: [
        ("name", "nmae", 1), ("gas_url", "gas_ulr", 1), ("title", "titel", 1), ("", "abc", 3), ("keys", "keys", 0),
        ("logout", "lgout", 1), ("fg", "colour", 6),
    ])
    func editDistance(a: String, b: String, distance: Int) {
        #expect(Schema.editDistance(a, b) == distance)
    }

    @Test func suggestsOnlyCloseNames() {
        #expect(Schema.closest(to: "nmae", among: ["name"]) == "name")
        #expect(Schema.closest(to: "Theme", among: ["theme", "environment"]) == "theme")
        #expect(Schema.closest(to: "printer", among: ["reader", "card"]) == nil)
    }
}

@Suite struct DocumentationTests {
    @Test func everyExampleInTheOperatorsReferenceIsValid() throws {
        let docs = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../docs/configuration.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let examples = text.components(separatedBy: "```toml\n").dropFirst()
            .map { $0.components(separatedBy: "```")[0] }
        #expect(examples.count >= 5, "the examples are found")
        for example in examples {
            #expect(configurationError(example) == nil, "\(example)")
        }
    }
}
