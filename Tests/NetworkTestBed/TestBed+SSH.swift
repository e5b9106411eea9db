import Foundation
import TerminalTestSupport

/// sshd on the ward (198.18.0.2:2222) with keys made for the run, and the test's `ssh -t` from
/// the WAN router, so that the session crosses the delay line.
extension TestBed {
    /// Makes a host key and a client key, writes sshd's configuration (root allowed by key only,
    /// `forceCommand` run for every session) and starts sshd; returns once it listens.
    public func startSSHD(forceCommand: String) throws {
        guard sshd == nil else { throw BedError("sshd already runs in this bed") }
        for key in ["ssh_host_key", "client_key"] {
            let made = try Spawned.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "cmc netbed", "-f", "\(folder)/\(key)"],
                                       logPrefix: "\(folder)/ssh-keygen")
            guard made.status == 0 else { throw BedError("ssh-keygen: \(made.stderr)") }
        }
        try FileManager.default.copyItem(atPath: "\(folder)/client_key.pub", toPath: "\(folder)/authorized_keys")
        // sshd -D refuses to start without its privilege separation folder, which the Debian
        // package's own service would make.
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        let configuration = try write("sshd_config", """
            Port \(BedAddress.sshPort)
            ListenAddress \(BedAddress.ward)
            HostKey \(folder)/ssh_host_key
            PidFile \(folder)/sshd.pid
            AuthorizedKeysFile \(folder)/authorized_keys
            PermitRootLogin prohibit-password
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            PrintMotd no
            PrintLastLog no
            X11Forwarding no
            AllowTcpForwarding no
            ClientAliveInterval 0
            ForceCommand \(forceCommand)

            """)
        let launcher = launcher(for: .ward)
        let process = try Spawned(launcher[0], Array(launcher.dropFirst()) + ["/usr/sbin/sshd", "-D", "-e", "-f", configuration],
                                  logPrefix: "\(folder)/sshd")
        sshd = process
        let deadline = Date().addingTimeInterval(20)
        while !process.stderrText.contains("Server listening on") {
            guard Date() < deadline, process.isRunning else { throw BedError("sshd did not start: \(process.stderrText)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// The shell command that opens the ward's forced command with `ssh -t` from the WAN router,
    /// for a tmux terminal: the bed's client key and a known_hosts file of its own.
    public func sshCommand() -> String {
        (launcher(for: .wan) + [
            "/usr/bin/ssh", "-t", "-p", String(BedAddress.sshPort), "-i", "\(folder)/client_key",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=\(folder)/known_hosts", "-o", "LogLevel=ERROR",
            "-o", "BatchMode=yes", "root@\(BedAddress.ward)",
        ]).map { "'\($0)'" }.joined(separator: " ")
    }

    /// What sshd has logged so far.
    public var sshdLog: String { sshd?.stderrText ?? "" }

    private func write(_ name: String, _ text: String) throws -> String {
        let path = "\(folder)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
