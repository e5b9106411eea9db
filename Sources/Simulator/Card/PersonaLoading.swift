import Foundation

extension Persona {
    /// Where a persona that renews its certificate finds its CA: beside the persona file.
    public static let caCertificateFileName = "ca.pem"
    public static let caKeyFileName = "ca-key.pem"

    /// Reads a persona file; a persona with `renew_certificate_days` gets its certificate issued
    /// afresh by the CA beside it (`ca.pem`, `ca-key.pem`), valid for that many days from `now`.
    public static func load(contentsOf url: URL, now: Date = Date()) throws -> Persona {
        let persona: Persona
        do {
            persona = try JSONDecoder().decode(Persona.self, from: Data(contentsOf: url))
        } catch let error as DecodingError {
            throw PersonaError.malformed(url.path, Self.explain(error))
        }
        guard let days = persona.renewCertificateDays else { return persona }
        let folder = url.deletingLastPathComponent()
        do {
            let authority = try DemoCertificateAuthority(
                certificatePEM: String(contentsOf: folder.appending(path: caCertificateFileName), encoding: .utf8),
                keyPEM: String(contentsOf: folder.appending(path: caKeyFileName), encoding: .utf8))
            return try authority.renewing(persona, validFor: days, now: now)
        } catch {
            throw PersonaError.cannotRenew(url.path, "\(error)")
        }
    }

    private static func explain(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "missing key \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        @unknown default: "\(error)"
        }
    }
}

/// Why a persona file could not be used.
public enum PersonaError: Error, CustomStringConvertible {
    case malformed(String, String)
    case cannotRenew(String, String)

    public var description: String {
        switch self {
        case .malformed(let path, let reason): "\(path): not a persona: \(reason)"
        case .cannotRenew(let path, let reason):
            "\(path): cannot renew its certificate (needs \(Persona.caCertificateFileName) and \(Persona.caKeyFileName) beside it): \(reason)"
        }
    }
}
