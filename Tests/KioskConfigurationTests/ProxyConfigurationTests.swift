import Foundation
import Glibc
@testable import KioskConfiguration
import Secrets
import Testing

/// `[network] proxy`, `proxy_user`, `proxy_password_file` and `no_proxy`: read and refused with
/// one line each; the password file checked and read at start-up, never shown.
@Suite("The proxy in the configuration")
struct ProxyConfigurationTests {
    static let head = "environment = \"live\"\n[network]\n"

    @Test func aProxyWithCredentialsAndNoProxyIsRead() throws {
        let proxy = try #require(configuration(Self.head + """
            proxy = "http://proxy.example.nhs.uk:3128"
            proxy_user = "ward7-kiosk"
            proxy_password_file = "/etc/cmc-kiosk/proxy-password"
            no_proxy = "localhost, .trust.nhs.uk,10.0.0.0/8"
            """).value?.network.proxy)
        #expect(proxy == .init(
            url: "http://proxy.example.nhs.uk:3128", address: "proxy.example.nhs.uk:3128",
            credentials: .init(user: "ward7-kiosk", passwordFile: "/etc/cmc-kiosk/proxy-password", passwordFileLine: 5),
            noProxy: "localhost,.trust.nhs.uk,10.0.0.0/8"))
    }

    @Test func anHTTPSProxyWithoutCredentialsAndAnIPv6Proxy() throws {
        let plain = try #require(configuration(Self.head + "proxy = \"https://198.18.1.3:8443/\"").value?.network.proxy)
        #expect(plain == .init(url: "https://198.18.1.3:8443", address: "198.18.1.3:8443"))
        let six = try #require(configuration(Self.head + "proxy = \"http://[2001:db8::3]:3128\"").value?.network.proxy)
        #expect(six.address == "[2001:db8::3]:3128" && six.url == "http://[2001:db8::3]:3128")
    }

    @Test func withoutAProxyTheEnvironmentDecides() throws {
        let network = try #require(configuration("environment = \"live\"").value?.network)
        #expect(network.proxy == nil)
    }

    @Test(arguments: [
        ("proxy_password = \"hunter2\"", "config.toml:3: network.proxy_password: the password is never written in the configuration: put it in a file only the kiosk's user can read (chmod 600) and name that file in network.proxy_password_file"),
        ("proxy = \"proxy.example:3128\"", "config.toml:3: network.proxy: the proxy's address must start with http:// or https:// (SOCKS is not supported), e.g. http://proxy.example.nhs.uk:3128"),
        ("proxy = \"socks5://proxy.example:1080\"", "config.toml:3: network.proxy: the proxy's address must start with http:// or https:// (SOCKS is not supported), e.g. http://proxy.example.nhs.uk:3128"),
        ("proxy = \"not a url\"", "config.toml:3: network.proxy: the proxy's address must start with http:// or https:// (SOCKS is not supported), e.g. http://proxy.example.nhs.uk:3128"),
        ("proxy = \"http://a b:3128\"", "config.toml:3: network.proxy: \"http://a b:3128\" is not a proxy address such as http://proxy.example.nhs.uk:3128"),
        ("proxy = \"http://\"", "config.toml:3: network.proxy: \"http://\" is not a proxy address such as http://proxy.example.nhs.uk:3128"),
        ("proxy = \"http://proxy.example\"", "config.toml:3: network.proxy: name the proxy's port, e.g. http://proxy.example:3128"),
        ("proxy = \"http://kiosk:secret@proxy.example:3128\"", "config.toml:3: network.proxy: put no user name or password in the address: set network.proxy_user and network.proxy_password_file"),
        ("proxy = \"http://kiosk@proxy.example:3128\"", "config.toml:3: network.proxy: put no user name or password in the address: set network.proxy_user and network.proxy_password_file"),
        ("proxy = \"http://proxy.example:3128/path\"", "config.toml:3: network.proxy: the proxy's address is only http://host:port, with no path, query or fragment"),
        ("proxy = \"http://proxy.example:3128?a=b\"", "config.toml:3: network.proxy: the proxy's address is only http://host:port, with no path, query or fragment"),
        ("proxy = 3128", "config.toml:3: network.proxy: expected a quoted string, found an integer"),
        ("proxy_user = \"kiosk\"", "config.toml:3: network.proxy_user: used only with network.proxy: set the proxy too, or leave this key out"),
        ("no_proxy = \"*\"", "config.toml:3: network.no_proxy: used only with network.proxy: set the proxy too, or leave this key out"),
        ("proxy = \"http://p.example:3128\"\nproxy_user = \"kiosk\"", "config.toml:4: network.proxy_user: needs network.proxy_password_file too: the file that holds the proxy's password"),
        ("proxy = \"http://p.example:3128\"\nproxy_password_file = \"/etc/p\"", "config.toml:4: network.proxy_password_file: needs network.proxy_user too: the user name the password goes with"),
        ("proxy = \"http://p.example:3128\"\nproxy_user = \"a:b\"\nproxy_password_file = \"/etc/p\"", "config.toml:4: network.proxy_user: use 1 to 128 characters, with no colon and no control characters"),
        ("proxy = \"http://p.example:3128\"\nproxy_user = \"\"\nproxy_password_file = \"/etc/p\"", "config.toml:4: network.proxy_user: use 1 to 128 characters, with no colon and no control characters"),
        ("proxy = \"http://p.example:3128\"\nproxy_user = \"k\"\nproxy_password_file = \"proxy-password\"", "config.toml:5: network.proxy_password_file: must be the absolute path of a file, such as \"/etc/cmc-kiosk/proxy-password\""),
        ("proxy = \"http://p.example:3128\"\nno_proxy = \"a.example,,b.example\"", "config.toml:4: network.no_proxy: \"a.example,,b.example\" is not a no_proxy list: host names, domains (.example.nhs.uk), addresses or ranges (10.0.0.0/8) separated by commas, or *"),
        ("proxy = \"http://p.example:3128\"\nno_proxy = \"a b\"", "config.toml:4: network.no_proxy: \"a b\" is not a no_proxy list: host names, domains (.example.nhs.uk), addresses or ranges (10.0.0.0/8) separated by commas, or *"),
        ("proxy = \"http://p.example:3128\"\nno_proxy = \"\"", "config.toml:4: network.no_proxy: \"\" is not a no_proxy list: host names, domains (.example.nhs.uk), addresses or ranges (10.0.0.0/8) separated by commas, or *"),
        ("proxy_pasword_file = \"/etc/p\"", "config.toml:3: network.proxy_pasword_file: unknown key (did you mean network.proxy_password_file?)"),
    ])
    func problemsNameTheLine(_ lines: String, _ error: String) {
        #expect(configurationError(Self.head + lines) == error)
    }

    // MARK: The password file, read at start-up

    /// A password file in a fresh folder, with `mode`; the credentials naming it at line 5.
    static func passwordFile(
        _ contents: String, mode: mode_t = 0o600
    ) throws -> (KioskConfiguration.Proxy.Credentials, folder: URL) {
        let folder = try temporaryDirectory()
        let path = folder.appending(path: "proxy-password").path
        try Data(contents.utf8).write(to: URL(filePath: path))
        #expect(chmod(path, mode) == 0)
        return (.init(user: "kiosk", passwordFile: path, passwordFileLine: 5), folder)
    }

    static func bytes(of secret: SecretBuffer) -> [UInt8] {
        secret.withUnsafeBytes { Array($0) }
    }

    @Test(arguments: [("s3cret\n", "s3cret"), ("s3cret", "s3cret"), ("pass word!\r\n", "pass word!")])
    func thePasswordIsReadWithoutItsNewline(_ contents: String, _ password: String) throws {
        let (credentials, folder) = try Self.passwordFile(contents)
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = try credentials.readPassword(configurationFile: "config.toml", owner: geteuid())
        #expect(Self.bytes(of: secret) == Array(password.utf8))
    }

    @Test(arguments: [
        ("s3cret\n", mode_t(0o640), "can be read by others (mode 0640): make it readable only by the kiosk's user (chmod 600)"),
        ("s3cret\n", mode_t(0o604), "can be read by others (mode 0604): make it readable only by the kiosk's user (chmod 600)"),
        ("", mode_t(0o600), "is empty: write the proxy's password in it"),
        ("\n", mode_t(0o400), "is empty: write the proxy's password in it"),
        ("one\ntwo\n", mode_t(0o600), "must hold the password on one line, and nothing else"),
        (String(repeating: "x", count: 257), mode_t(0o600), "holds more than 256 bytes: it should hold only the proxy's password"),
    ])
    func aBadFileIsRefusedWithoutShowingIt(_ contents: String, _ mode: mode_t, _ problem: String) throws {
        let (credentials, folder) = try Self.passwordFile(contents, mode: mode)
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = #expect(throws: ConfigurationError.self) {
            try credentials.readPassword(configurationFile: "/etc/cmc-kiosk/config.toml", owner: geteuid())
        }
        #expect(error?.description
            == "/etc/cmc-kiosk/config.toml:5: network.proxy_password_file: \(credentials.passwordFile) \(problem)")
        #expect(!(error?.description.contains("s3cret") ?? true))
    }

    @Test func aMissingFileALinkAFolderAndAnotherOwnerAreRefused() throws {
        let (credentials, folder) = try Self.passwordFile("s3cret\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        func problem(_ path: String, owner: uid_t? = geteuid()) -> String? {
            var named = credentials
            named.passwordFile = path
            do {
                _ = try named.readPassword(configurationFile: "config.toml", owner: owner)
                return nil
            } catch {
                return error.description
            }
        }
        let link = folder.appending(path: "link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: credentials.passwordFile)
        let missing = folder.appending(path: "missing").path
        #expect(problem(missing) == "config.toml:5: network.proxy_password_file: \(missing) does not exist")
        #expect(problem(link) == "config.toml:5: network.proxy_password_file: \(link) is a symbolic link: name the file itself")
        #expect(problem(folder.path) == "config.toml:5: network.proxy_password_file: \(folder.path) is not a regular file")
        #expect(problem(credentials.passwordFile, owner: geteuid() + 1) == "config.toml:5: network.proxy_password_file: "
            + "\(credentials.passwordFile) belongs to uid \(geteuid()), not to the kiosk's user (uid \(geteuid() + 1)): chown it to that user")
        #expect(problem(credentials.passwordFile, owner: nil) == nil, "no owner: the doctor run as root")
    }
}
