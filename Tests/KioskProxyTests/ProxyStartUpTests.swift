import Foundation
import Glibc
import KioskProcessTestSupport
import Testing

/// The kiosk itself refuses to start with a proxy password file it must not trust: one line
/// naming the configuration file, the key's line and the password file, exit status 2, and never
/// the password. Nothing here needs a network.
@Suite("The kiosk refuses a bad proxy password file at start-up")
struct ProxyStartUpTests {
    static let password = "s3cret-proxy-word"

    /// Runs `cmc-kiosk --config` on a configuration whose password file is made by `prepare`.
    static func start(_ prepare: (String) throws -> Void) throws -> (status: Int32, stderr: String, file: String, config: String) {
        let workspace = try Workspace("proxy-start")
        let file = workspace.file("proxy-password")
        try prepare(file)
        let config = try workspace.write("kiosk.toml", """
            environment = "test"
            device_id = "proxy-test"

            [endpoints]
            gas_url = "https://127.0.0.1:9"
            portal_url = "https://127.0.0.1:9"

            [network]
            proxy = "http://198.18.200.1:8888"
            proxy_user = "ward7-kiosk"
            proxy_password_file = "\(file)"
            """)
        let run = try Spawned.run(Package.program("cmc-kiosk"), ["--config", config], logPrefix: workspace.file("kiosk"))
        #expect(!run.stderr.contains(password) && !run.stdout.contains(password))
        return (run.status, run.stderr, file, config)
    }

    static func write(_ file: String, mode: mode_t) throws {
        try (password + "\n").write(toFile: file, atomically: false, encoding: .utf8)
        #expect(chmod(file, mode) == 0)
    }

    @Test func aFileOthersCanReadIsRefused() throws {
        let run = try Self.start { try Self.write($0, mode: 0o644) }
        #expect(run.status == 2)
        #expect(run.stderr == "cmc-kiosk: \(run.config):11: network.proxy_password_file: \(run.file) can be read by others "
            + "(mode 0644): make it readable only by the kiosk's user (chmod 600)\n")
    }

    @Test func aSymbolicLinkIsRefused() throws {
        let run = try Self.start { file in
            try Self.write(file + ".real", mode: 0o600)
            try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: file + ".real")
        }
        #expect(run.status == 2)
        #expect(run.stderr == "cmc-kiosk: \(run.config):11: network.proxy_password_file: \(run.file) is a symbolic link: "
            + "name the file itself\n")
    }

    @Test func aMissingOrEmptyFileIsRefused() throws {
        let missing = try Self.start { _ in }
        #expect(missing.status == 2)
        #expect(missing.stderr == "cmc-kiosk: \(missing.config):11: network.proxy_password_file: \(missing.file) does not exist\n")
        let empty = try Self.start { file in
            #expect(FileManager.default.createFile(atPath: file, contents: nil, attributes: [.posixPermissions: 0o600]))
        }
        #expect(empty.stderr == "cmc-kiosk: \(empty.config):11: network.proxy_password_file: \(empty.file) is empty: "
            + "write the proxy's password in it\n")
    }

    @Test func aPasswordInTheConfigurationIsRefused() throws {
        let workspace = try Workspace("proxy-start")
        let config = try workspace.write("kiosk.toml", """
            environment = "test"
            [endpoints]
            gas_url = "https://127.0.0.1:9"
            portal_url = "https://127.0.0.1:9"
            [network]
            proxy = "http://198.18.200.1:8888"
            proxy_password = "\(Self.password)"
            """)
        let run = try Spawned.run(Package.program("cmc-kiosk"), ["--config", config], logPrefix: workspace.file("kiosk"))
        #expect(run.status == 2)
        #expect(run.stderr == "cmc-kiosk: \(config):7: network.proxy_password: the password is never written in the "
            + "configuration: put it in a file only the kiosk's user can read (chmod 600) and name that file in "
            + "network.proxy_password_file\n")
    }
}
