import Foundation

/// The `--users` JSON file: the users, and optionally the simulator's timeouts.
///
/// ```json
/// {"users": [{"uid": "555100000001", "display_name": "Dr Jane Smith", "suspended": false,
///             "cmc": {"role": "Clinician"},
///             "roles": [{"role_profile_id": "555200010001", "org_code": "RJ122",
///                        "org_name": "ST THOMAS' HOSPITAL", "area": "Clinical",
///                        "sub_area": "Clinical Provision", "job_role": "Clinical Practitioner Access Role",
///                        "role_code": "S8000:G8000:R8000"}]}],
///  "settings": {"idle_timeout_seconds": 900, "warning_seconds": 120, "absolute_timeout_seconds": 43200,
///               "lease_seconds": 60, "challenge_ttl_seconds": 120}}
/// ```
/// A user without `cmc` is not registered with CMC; `"cmc": {}` is registered with no CMC role.
public struct UsersFile: Sendable, Decodable {
    public var users: [SpineUser]
    public var settings: Settings?

    /// Timeouts in seconds; each one present overrides the default.
    public struct Settings: Sendable, Decodable, Equatable {
        public var idleTimeoutSeconds: Double?
        public var warningSeconds: Double?
        public var absoluteTimeoutSeconds: Double?
        public var leaseSeconds: Double?
        public var challengeTTLSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case idleTimeoutSeconds = "idle_timeout_seconds"
            case warningSeconds = "warning_seconds"
            case absoluteTimeoutSeconds = "absolute_timeout_seconds"
            case leaseSeconds = "lease_seconds"
            case challengeTTLSeconds = "challenge_ttl_seconds"
        }
    }

    /// Reads and checks a users file; the error names the file and the key that is wrong.
    public static func load(path: String) throws(UserDirectoryError) -> (UsersFile, UserDirectory) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalid("\(path): cannot be read")
        }
        let file: UsersFile
        do {
            file = try JSONDecoder().decode(UsersFile.self, from: data)
        } catch let error as DecodingError {
            throw .invalid("\(path): \(describe(error))")
        } catch {
            throw .invalid("\(path): \(error)")
        }
        do {
            return (file, try UserDirectory(file.users))
        } catch {
            throw .invalid("\(path): \(error.description)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "key '\(path(context.codingPath + [key]))': missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "key '\(path(context.codingPath))': \(context.debugDescription)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "not valid JSON" : "key '\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
