/// A Spine role the user may act in, as the role list shows it.
public struct Role: Equatable, Sendable {
    /// The role profile id (12 digits, kept as a string: leading zeros occur).
    public var id: String
    public var jobRole: String
    public var organisation: String
    public var organisationCode: String

    public init(id: String, jobRole: String, organisation: String, organisationCode: String) {
        self.id = id
        self.jobRole = jobRole
        self.organisation = organisation
        self.organisationCode = organisationCode
    }

    /// Whether the role matches a filter typed by the user (job role, organisation or code).
    public func matches(_ filter: String) -> Bool {
        let words = filter.lowercased().split(separator: " ")
        let text = "\(jobRole) \(organisation) \(organisationCode)".lowercased()
        return words.allSatisfy { text.contains($0) }
    }
}
