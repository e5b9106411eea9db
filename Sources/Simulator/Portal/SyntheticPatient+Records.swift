extension SyntheticPatient {
    /// The simulated portal's patients, in list order. All fictional.
    public static let all: [SyntheticPatient] = [
        SyntheticPatient(
            id: "1001", name: "EXAMPLE, Edith", nhsNumber: "999 000 0018", dateOfBirth: "14-Feb-1936",
            resuscitation: .dnacprInPlace, preferredPlaceOfCare: "Home",
            keyContacts: [
                KeyContact(name: "Susan Example", relationship: "Daughter (next of kin)", telephone: "020 7946 0101"),
                KeyContact(name: "Dr Priya Fictional", relationship: "GP", telephone: "020 7946 0102"),
            ]),
        SyntheticPatient(
            id: "1002", name: "SAMPLE, Harold", nhsNumber: "999 012 3454", dateOfBirth: "03-Sep-1941",
            resuscitation: .forFullResuscitation, preferredPlaceOfCare: "Hospital",
            keyContacts: [
                KeyContact(name: "Margaret Sample", relationship: "Wife (next of kin)", telephone: "07700 900201"),
                KeyContact(name: "Riverside District Nurses", relationship: "Community nursing", telephone: "020 7946 0202"),
            ]),
        SyntheticPatient(
            id: "1003", name: "SPECIMEN, Winifred", nhsNumber: "999 234 5675", dateOfBirth: "27-Jun-1929",
            resuscitation: .dnacprInPlace, preferredPlaceOfCare: "St Nowhere's Hospice",
            keyContacts: [
                KeyContact(name: "Patrick O'Specimen", relationship: "Nephew (next of kin)", telephone: "020 7946 0301"),
                KeyContact(name: "St Nowhere's Hospice", relationship: "Palliative care team", telephone: "020 7946 0302"),
            ]),
        SyntheticPatient(
            id: "1004", name: "TESTCASE, Arthur", nhsNumber: "999 345 6780", dateOfBirth: "11-Nov-1948",
            resuscitation: .forFullResuscitation, preferredPlaceOfCare: "Rose & Crown Care Home",
            keyContacts: [
                KeyContact(name: "Rose & Crown Care Home", relationship: "Care home", telephone: "020 7946 0401"),
                KeyContact(name: "Dr Tom Madeup", relationship: "GP", telephone: "020 7946 0402"),
            ]),
        SyntheticPatient(
            id: "1005", name: "PLACEHOLDER, Nkechi", nhsNumber: "999 456 7896", dateOfBirth: "30-Jan-1952",
            resuscitation: .dnacprInPlace, preferredPlaceOfCare: "Home",
            keyContacts: [
                KeyContact(name: "Chidi Placeholder", relationship: "Son (next of kin)", telephone: "07700 900501"),
                KeyContact(name: "Dr Ana Notreal", relationship: "Palliative care consultant", telephone: "020 7946 0502"),
            ]),
        SyntheticPatient(
            id: "1006", name: "MOCKRECORD, Farid", nhsNumber: "999 678 9012", dateOfBirth: "08-May-1960",
            resuscitation: .forFullResuscitation, preferredPlaceOfCare: "Home, then hospice",
            keyContacts: [
                KeyContact(name: "Leila Mockrecord", relationship: "Partner (next of kin)", telephone: "020 7946 0601"),
            ]),
    ]
}
