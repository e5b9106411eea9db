/// A person as Spine (SDS) knows them, with what CMC knows about them.
public struct SpineUser: Sendable, Equatable, Codable {
    /// The 12-digit SDS user id: the CN of the card's certificate subject. Always a string.
    public var uid: String
    /// The display name Spine returns as `cn`.
    public var displayName: String
    /// A suspended user is refused by GAS (`USER_NOT_VALID`).
    public var isSuspended: Bool
    public var roles: [SpineRole]
    /// CMC's record of this user; `nil` when the UID is not registered with CMC.
    public var cmc: CMCRegistration?

    public init(uid: String, displayName: String, isSuspended: Bool = false, roles: [SpineRole], cmc: CMCRegistration?) {
        self.uid = uid
        self.displayName = displayName
        self.isSuspended = isSuspended
        self.roles = roles
        self.cmc = cmc
    }

    enum CodingKeys: String, CodingKey {
        case uid, roles, cmc
        case displayName = "display_name"
        case isSuspended = "suspended"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uid = try container.decode(String.self, forKey: .uid)
        displayName = try container.decode(String.self, forKey: .displayName)
        isSuspended = try container.decodeIfPresent(Bool.self, forKey: .isSuspended) ?? false
        roles = try container.decodeIfPresent([SpineRole].self, forKey: .roles) ?? []
        cmc = try container.decodeIfPresent(CMCRegistration.self, forKey: .cmc)
    }

    /// The role whose profile id is `id`, if the user holds it.
    public func role(withID id: String) -> SpineRole? {
        roles.first { $0.roleProfileID == id }
    }
}

/// A Spine role profile (one `nhsjobrole{N}` line, one RoleAssertion role block).
public struct SpineRole: Sendable, Equatable, Codable {
    /// 12 digits, kept as a string (leading zeros occur).
    public var roleProfileID: String
    /// The ODS code of the organisation.
    public var orgCode: String
    public var orgName: String
    public var area: String
    public var subArea: String
    public var jobRole: String
    /// Like `S8000:G8000:R8000`.
    public var roleCode: String

    public init(
        roleProfileID: String, orgCode: String, orgName: String,
        area: String, subArea: String, jobRole: String, roleCode: String
    ) {
        self.roleProfileID = roleProfileID
        self.orgCode = orgCode
        self.orgName = orgName
        self.area = area
        self.subArea = subArea
        self.jobRole = jobRole
        self.roleCode = roleCode
    }

    enum CodingKeys: String, CodingKey {
        case area
        case roleProfileID = "role_profile_id"
        case orgCode = "org_code"
        case orgName = "org_name"
        case subArea = "sub_area"
        case jobRole = "job_role"
        case roleCode = "role_code"
    }

    /// `"{area}":"{sub-area}":"{job role}"`, the SAML `nhsJobRole` value.
    public var jobRoleText: String {
        #""\#(area)":"\#(subArea)":"\#(jobRole)""#
    }

    /// `{ORG NAME}, "{area}":"{sub-area}":"{job role}"`, the `nhsjobrole{N}` text.
    public var gasRoleText: String {
        "\(orgName), \(jobRoleText)"
    }
}

/// A UID's registration with CMC.
public struct CMCRegistration: Sendable, Equatable, Codable {
    /// The CMC system role (e.g. `Clinician`); `nil` for a registered user with none.
    public var systemRole: String?

    public init(systemRole: String?) {
        self.systemRole = systemRole
    }

    enum CodingKeys: String, CodingKey {
        case systemRole = "role"
    }
}
