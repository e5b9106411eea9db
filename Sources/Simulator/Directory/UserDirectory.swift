import Foundation

/// The simulator's users, by UID.
public struct UserDirectory: Sendable {
    public let users: [SpineUser]
    private let byUID: [String: SpineUser]

    /// Fails when two users share a UID or a UID is not 12 digits.
    public init(_ users: [SpineUser]) throws(UserDirectoryError) {
        var byUID: [String: SpineUser] = [:]
        for (index, user) in users.enumerated() {
            guard user.uid.count == 12, user.uid.allSatisfy(\.isASCIIDigit) else {
                throw .invalid("users[\(index)].uid: \"\(user.uid)\" is not a 12-digit string")
            }
            for (roleIndex, role) in user.roles.enumerated() where role.roleProfileID.isEmpty {
                throw .invalid("users[\(index)].roles[\(roleIndex)].role_profile_id: empty")
            }
            guard byUID.updateValue(user, forKey: user.uid) == nil else {
                throw .invalid("users[\(index)].uid: duplicate \(user.uid)")
            }
        }
        self.users = users
        self.byUID = byUID
    }

    public subscript(uid: String) -> SpineUser? {
        byUID[uid]
    }
}

/// Why a users file cannot be used.
public enum UserDirectoryError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let text): text
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
