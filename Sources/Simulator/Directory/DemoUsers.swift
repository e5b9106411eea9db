/// The built-in users, matching the demo smartcard personas (UIDs 555100000001…010).
public enum DemoUsers {
    /// The CA that issued the demo cards' certificates, `Personas/demo/ca.pem`, as built in (PEM).
    /// `cmc-sim` trusts it when it serves these users and no `--ca` is given.
    public static let certificateAuthorityPEM = String(decoding: PackageResources.demo_ca_pem, as: UTF8.self)

    public static let all: [SpineUser] = [
        SpineUser(
            uid: "555100000001", displayName: "Dr Jane Smith",
            roles: [
                role("555200010001", Org.stThomas, clinicalPractitioner),
                role("555200010002", Org.guysAndStThomas, healthProfessional),
                role("555200010003", Org.marsden, clinicalPractitioner),
            ],
            cmc: CMCRegistration(systemRole: "Clinician")),
        SpineUser(
            uid: "555100000002", displayName: "Nurse Amir Khan",
            roles: [role("555200020001", Org.barts, nurse)],
            cmc: CMCRegistration(systemRole: "Nurse")),
        SpineUser(
            uid: "555100000003", displayName: "Dr Siân Llewelyn-Jones",
            roles: [],
            cmc: CMCRegistration(systemRole: "Clinician")),
        SpineUser(
            uid: "555100000004", displayName: "Dr Chidi Okafor",
            roles: [
                role("555200040001", Org.kings, clinicalPractitioner),
                role("555200040002", Org.kings, healthProfessional),
                role("555200040003", Org.guysAndStThomas, clinicalPractitioner),
                role("555200040004", Org.barts, clinicalPractitioner),
                role("555200040005", Org.stChristophers, clinicalPractitioner),
                role("555200040006", Org.lambethWalk, generalPractitioner),
                role("555200040007", Org.marsden, healthProfessional),
                role("555200040008", Org.stThomas, adminAndClerical),
            ],
            cmc: CMCRegistration(systemRole: "Clinician")),
        SpineUser(
            uid: "555100000005", displayName: "Dr Mark Reynolds",
            roles: [role("555200050001", Org.barts, clinicalPractitioner)],
            cmc: nil),
        SpineUser(
            uid: "555100000006", displayName: "Nurse Olivia Brown",
            roles: [
                role("555200060001", Org.stChristophers, nurse),
                role("555200060002", Org.guysAndStThomas, nurse),
            ],
            cmc: CMCRegistration(systemRole: "Nurse")),
        SpineUser(
            uid: "555100000007", displayName: "Dr Tom Harris",
            roles: [role("555200070001", Org.lambethWalk, generalPractitioner)],
            cmc: CMCRegistration(systemRole: "Clinician")),
        SpineUser(
            uid: "555100000008", displayName: "Dr Priya Patel",
            roles: [
                role("555200080001", Org.marsden, clinicalPractitioner),
                role("555200080002", Org.kings, healthProfessional),
            ],
            cmc: CMCRegistration(systemRole: "Clinician")),
        SpineUser(
            uid: "555100000009", displayName: "Dr Ewan Murray",
            roles: [role("555200090001", Org.stThomas, clinicalPractitioner)],
            cmc: CMCRegistration(systemRole: "Clinician")),
        SpineUser(
            uid: "555100000010", displayName: "Pat Jones",
            roles: [role("555200100001", Org.barts, adminAndClerical)],
            cmc: CMCRegistration(systemRole: nil)),
    ]

    private typealias JobRole = (area: String, subArea: String, name: String, code: String)

    private static let clinicalPractitioner: JobRole =
        ("Clinical", "Clinical Provision", "Clinical Practitioner Access Role", "S8000:G8000:R8000")
    private static let nurse: JobRole =
        ("Clinical", "Clinical Provision", "Nurse Access Role", "S8000:G8000:R8001")
    private static let healthProfessional: JobRole =
        ("Clinical", "Clinical Provision", "Health Professional Access Role", "S8000:G8000:R8003")
    private static let generalPractitioner: JobRole =
        ("Clinical", "Clinical Provision", "General Medical Practitioner", "S8000:G8000:R0260")
    private static let adminAndClerical: JobRole =
        ("Admin & Clerical", "Admin", "Medical Secretary Access Role", "S8001:G8001:R8006")

    private enum Org {
        static let stThomas = ("RJ122", "ST THOMAS' HOSPITAL")
        static let guysAndStThomas = ("RJ1", "GUY'S & ST THOMAS' NHS FOUNDATION TRUST")
        static let barts = ("R1H", "BARTS HEALTH NHS TRUST")
        static let marsden = ("RPY", "THE ROYAL MARSDEN NHS FOUNDATION TRUST")
        static let kings = ("RJZ", "KING'S COLLEGE HOSPITAL NHS FOUNDATION TRUST")
        static let stChristophers = ("NHF11", "ST CHRISTOPHER'S HOSPICE")
        static let lambethWalk = ("G85034", "THE LAMBETH WALK GROUP PRACTICE")
    }

    private static func role(_ id: String, _ org: (String, String), _ job: JobRole) -> SpineRole {
        SpineRole(
            roleProfileID: id, orgCode: org.0, orgName: org.1,
            area: job.area, subArea: job.subArea, jobRole: job.name, roleCode: job.code)
    }
}
