/// A made-up patient with the summary of an urgent care plan, for the simulated portal's pages.
///
/// Synthetic test data: no record describes a real person. NHS numbers are in the test range
/// 999 000 0000–999 999 9999 with valid modulus 11 check digits; telephone numbers are in
/// Ofcom's ranges for drama (020 7946 0xxx, 07700 900xxx).
public struct SyntheticPatient: Sendable, Equatable, Identifiable {
    /// The record's id in the portal's page addresses.
    public let id: String
    /// Surname first, as the NHS lists patients: `EXAMPLE, Edith`.
    public let name: String
    /// Spaced in threes, threes and four: `999 000 0018`.
    public let nhsNumber: String
    /// `14-Feb-1936`.
    public let dateOfBirth: String
    public let resuscitation: Resuscitation
    public let preferredPlaceOfCare: String
    public let keyContacts: [KeyContact]

    /// The decision about cardiopulmonary resuscitation recorded in the plan.
    public enum Resuscitation: Sendable, Equatable {
        case dnacprInPlace
        case forFullResuscitation

        /// The words a clinician reads first on the plan.
        public var summary: String {
            switch self {
            case .dnacprInPlace: "DNACPR in place"
            case .forFullResuscitation: "For full resuscitation"
            }
        }
    }

    /// Someone to call about the patient.
    public struct KeyContact: Sendable, Equatable {
        public let name: String
        /// Who they are to the patient: `Daughter (next of kin)`, `GP`.
        public let relationship: String
        public let telephone: String
    }

    /// The patient with this id, if the portal has one.
    public static func withID(_ id: String) -> SyntheticPatient? {
        all.first { $0.id == id }
    }
}
