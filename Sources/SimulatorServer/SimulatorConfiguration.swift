import Foundation
import Simulator
import X509

/// Everything a simulator instance needs; the defaults are the demo set-up on an ephemeral loopback port.
public struct SimulatorConfiguration: Sendable {
    /// The address to listen on. Without TLS only a loopback address is accepted.
    public var host: String
    /// `0` picks a free port.
    public var port: Int
    public var users: [SpineUser]
    /// Certificate chain and key, PEM, for HTTPS; `nil` serves plain HTTP (loopback only).
    public var tls: TLSFiles?
    /// The CAs that issue card certificates (PEM, one or more certificates).
    public var trustAnchors: [Certificate]
    public var timeouts: PortalTimeouts
    /// How long a challenge may be answered.
    public var challengeTTL: TimeInterval
    /// How often expired portal sessions are ended in the background.
    public var sweepInterval: TimeInterval
    /// Serve the test-only `/_sim/faults` and `/_sim/sessions/end` endpoints.
    public var controlEndpointsEnabled: Bool

    public init(
        host: String = "127.0.0.1", port: Int = 0, users: [SpineUser] = DemoUsers.all, tls: TLSFiles? = nil,
        trustAnchors: [Certificate] = [], timeouts: PortalTimeouts = .standard, challengeTTL: TimeInterval = 120,
        sweepInterval: TimeInterval = 1, controlEndpointsEnabled: Bool = true
    ) {
        self.host = host
        self.port = port
        self.users = users
        self.tls = tls
        self.trustAnchors = trustAnchors
        self.timeouts = timeouts
        self.challengeTTL = challengeTTL
        self.sweepInterval = sweepInterval
        self.controlEndpointsEnabled = controlEndpointsEnabled
    }

    /// Reads trust anchors from a PEM file holding one or more certificates.
    public static func loadTrustAnchors(path: String) throws(SimulatorConfigurationError) -> [Certificate] {
        guard let text = FileManager.default.contents(atPath: path).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw .invalid("\(path): cannot be read")
        }
        return try trustAnchors(pem: text, source: path)
    }

    /// Reads trust anchors from PEM text holding one or more certificates; `source` names it in errors.
    public static func trustAnchors(pem text: String, source path: String) throws(SimulatorConfigurationError) -> [Certificate] {
        let blocks = text.components(separatedBy: "-----END CERTIFICATE-----")
            .compactMap { block -> String? in
                guard let start = block.range(of: "-----BEGIN CERTIFICATE-----") else { return nil }
                return String(block[start.lowerBound...]) + "-----END CERTIFICATE-----"
            }
        guard !blocks.isEmpty else { throw .invalid("\(path): no PEM certificate found") }
        do {
            return try blocks.map { try Certificate(pemEncoded: $0) }
        } catch {
            throw .invalid("\(path): not a valid certificate: \(error)")
        }
    }
}

/// PEM files for HTTPS.
public struct TLSFiles: Sendable, Equatable {
    public var certificateChainPath: String
    public var privateKeyPath: String

    public init(certificateChainPath: String, privateKeyPath: String) {
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
    }
}

/// A configuration the simulator refuses to start with.
public enum SimulatorConfigurationError: Error, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let text): text
        }
    }
}
