import Foundation
import LifecycleDriver

/// A browser as the session command, and the `[session]` table that runs it.
enum BrowserKind: String, CaseIterable {
    case w3m
    /// Headless, as the tests run it.
    case chromium
    /// In a window on an X display, in kiosk mode, as on a thin client.
    case chromiumWindow = "chromium-window"

    /// The process names of its processes, as /proc's `comm` has them.
    var processPrefix: String {
        switch self {
        case .w3m: "w3m"
        case .chromium, .chromiumWindow: "chrom"
        }
    }

    /// The goal for card pulled → every session process gone, p99 (issue 12).
    var goalMilliseconds: Double {
        switch self {
        case .w3m: 300
        case .chromium, .chromiumWindow: 1_000
        }
    }

    /// The kiosk's `[session]` table: the browser as `user`, in homes under `homeBase`, opening
    /// the hand-off URL and trusting the run's TLS CA (w3m through its CA file, Chromium through
    /// the server key's pin, as it keeps no CA of its own in a fresh home).
    func sessionTable(user: String, homeBase: String, pki: ServerPKI) throws -> String {
        let command: String
        switch self {
        case .w3m:
            let folder = Workbench.packageRoot.appending(path: "deploy/w3m").path
            command = """
                ["/usr/bin/w3m", "-config", "\(folder)/config", "-o", "keymap_file=\(folder)/keymap", \
                "-o", "ssl_ca_file=\(pki.caPath)", "{handoff_url}"]
                """
        case .chromium, .chromiumWindow:
            let mode = self == .chromium ? "--headless=new" : "--kiosk"
            command = """
                ["/usr/bin/chromium", "\(mode)", "--disable-gpu", "--no-first-run", \
                "--ignore-certificate-errors-spki-list=\(try Self.publicKeyPin(of: pki.certificatePath))", "{handoff_url}"]
                """
        }
        return """

            [session]
            command = \(command)
            needs_terminal = \(self == .w3m)
            user = "\(user)"
            home_base = "\(homeBase)"

            """
    }

    /// Whether it needs an X display.
    var needsDisplay: Bool { self == .chromiumWindow }

    /// The base64 SHA-256 of a certificate's public key, as `--ignore-certificate-errors-spki-list` takes it.
    private static func publicKeyPin(of certificate: String) throws -> String {
        let script = "openssl x509 -in '\(certificate)' -pubkey -noout | openssl pkey -pubin -outform der "
            + "| openssl dgst -sha256 -binary | openssl base64 -A"
        return try Workbench.run("/bin/sh", ["-c", script]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
