import KioskCore

extension Role {
    /// The kiosk's view of a Spine role: what it shows, and the id it selects and opens the
    /// portal session with.
    public init(_ spineRole: SpineRole) {
        self.init(
            id: spineRole.profileID, jobRole: spineRole.jobRole, organisation: spineRole.organisationName,
            organisationCode: spineRole.organisationCode)
    }
}
